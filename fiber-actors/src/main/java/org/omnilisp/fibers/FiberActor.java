package org.omnilisp.fibers;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The actor of a spawned fiber that has parked at least once. It holds the fiber's machine (in its
 * {@link FiberTask}); a reply that completes the park ({@link Resume}) runs the machine again, a
 * slice at a time ({@link Run} to itself between slices, so other actors share the thread), and
 * {@link Cancel} withdraws the pending park. The actor stops when the fiber ends. Nothing here
 * blocks a thread.
 */
final class FiberActor extends AbstractBehavior<FiberActor.Command> {
  interface Command {}

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

  private final FiberTask task;

  private FiberActor(ActorContext<Command> context, FiberTask task) {
    super(context);
    this.task = task;
  }

  /** The actor of a parked fiber: on start it begins the fiber's pending park. */
  static Behavior<Command> create(FiberTask task) {
    return Behaviors.setup(
        context -> {
          task.attach(context.getSelf());
          return new FiberActor(context, task);
        });
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Run.INSTANCE, this::onRun)
        .onMessage(Resume.class, this::onResume)
        .onMessageEquals(Cancel.INSTANCE, this::onCancel)
        .build();
  }

  private Behavior<Command> onRun() {
    return task.runSlice() ? this : Behaviors.stopped();
  }

  private Behavior<Command> onResume(Resume r) {
    task.resumeFromPark(r.value(), r.failed());
    return onRun();
  }

  private Behavior<Command> onCancel() {
    return task.withdrawPark() ? onRun() : this;
  }
}
