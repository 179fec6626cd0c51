package org.omnilisp.fibers;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ExtensibleBehavior;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The behaviour of the actor of a spawned fiber that has parked at least once. Its parent (the
 * fiber's scope's actor or the runtime's guardian, see {@link FiberGuardian}) spawns it and tells
 * it {@link Start}: the actor then holds the fiber's machine and begins its pending park. A reply
 * that completes the park ({@link Resume}) runs the machine again, a slice at a time ({@link Run}
 * to itself between slices, so other actors share the thread), and {@link Cancel} withdraws the
 * pending park. The actor stops when the fiber ends. Nothing here blocks a thread.
 *
 * <p>The fiber's {@link FiberTask} is this behaviour itself (a subclass), so a parked fiber costs
 * one Pekko actor and its task, and no behaviour objects of its own: a receive builder's cases,
 * lambdas and a deferred setup cost about 450 bytes per parked fiber.
 */
abstract class FiberActor extends ExtensibleBehavior<FiberActor.Command> {
  interface Command {}

  /** The first message: take the fiber and begin its pending park. */
  enum Start implements Command {
    INSTANCE
  }

  /** Run the next slice. */
  enum Run implements Command {
    INSTANCE
  }

  /** The park completed with a value, or with an error to raise. */
  record Resume(Object value, boolean failed) implements Command {}

  /** The fiber was canceled: withdraw the pending park if it has not completed. */
  enum Cancel implements Command {
    INSTANCE
  }

  /** In the new actor: it holds the fiber from now on, beginning with the pending park. */
  abstract void attach(ActorRef<Command> self);

  /** Runs one slice; returns false once the fiber has ended. */
  abstract boolean runSlice();

  /** The park completed. */
  abstract void resumeFromPark(Object value, boolean failed);

  /** Withdraws the pending park after a cancel; true if the fiber goes on. */
  abstract boolean withdrawPark();

  @Override
  public final Behavior<Command> receive(TypedActorContext<Command> context, Command message) {
    if (message instanceof Resume r) {
      resumeFromPark(r.value(), r.failed());
      return run();
    }
    if (message == Run.INSTANCE) {
      return run();
    }
    if (message == Cancel.INSTANCE) {
      return withdrawPark() ? run() : this;
    }
    if (message == Start.INSTANCE) {
      attach(context.asJava().getSelf());
      return this;
    }
    return Behaviors.unhandled();
  }

  private Behavior<Command> run() {
    return runSlice() ? this : Behaviors.stopped();
  }

  @Override
  public final Behavior<Command> receiveSignal(TypedActorContext<Command> context, Signal signal) {
    return this;
  }
}
