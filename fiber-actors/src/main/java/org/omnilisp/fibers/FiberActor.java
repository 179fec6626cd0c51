package org.omnilisp.fibers;

import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.Props;
import scala.runtime.AbstractPartialFunction;
import scala.runtime.BoxedUnit;

/**
 * The actor of a spawned fiber that has parked at least once. Its parent (the fiber's scope's actor
 * or the runtime's guardian, see {@link FiberGuardian}) spawns it and tells it {@link Start}: the
 * actor then holds the fiber's {@link FiberTask} and begins its pending park. A reply that
 * completes the park ({@link Woken}, or {@link Resume} with the value) runs the machine again, a
 * slice at a time ({@link Run} to itself between slices, so other actors share the thread), and
 * {@link Cancel} withdraws the pending park. The actor stops when the fiber ends. Nothing here
 * blocks a thread.
 *
 * <p>A classic Pekko actor, a child of the typed scope or guardian actor: a parked fiber costs the
 * actor's cell, mailbox, path and reference, this object and its receive function (40 bytes), and
 * no props of its own (one {@link Props} per dispatcher serves all: the task comes with {@link
 * Start}). A typed actor costs about 300 bytes more (its props and deployment, the typed adapters
 * around the cell, the creator, a supervisor strategy): on the heap per parked fiber that measured
 * 1,247 bytes against 990 (docs/performance.md).
 */
final class FiberActor extends AbstractActor {
  interface Command {}

  /** The first message: take the fiber and begin its pending park. */
  record Start(FiberTask task) implements Command {}

  /** Run the next slice. */
  enum Run implements Command {
    INSTANCE
  }

  /** The park completed with a value, or with an error to raise. */
  record Resume(Object value, boolean failed) implements Command {}

  /** The park completed; its value or error waits in the task (see FiberTask.wake). */
  enum Woken implements Command {
    INSTANCE
  }

  /** The fiber was canceled: withdraw the pending park if it has not completed. */
  enum Cancel implements Command {
    INSTANCE
  }

  /**
   * The mailbox of typed actors, which fiber actors were: a single-consumer queue (Pekko's classic
   * default is a {@code ConcurrentLinkedQueue}, slower for many senders).
   */
  private static final String MAILBOX = "pekko.actor.typed.default-mailbox";

  /** The props of every fiber actor on the dispatcher {@code dispatcherId}. */
  static Props props(String dispatcherId) {
    return Props.create(FiberActor.class, FiberActor::new)
        .withDispatcher(dispatcherId)
        .withMailbox(MAILBOX);
  }

  private FiberTask task; // from Start on

  @Override
  public Receive createReceive() {
    return new Receive(new OnMessage(this));
  }

  /** The receive function: one small object instead of a receive builder's cases. */
  private static final class OnMessage extends AbstractPartialFunction<Object, BoxedUnit> {
    private final FiberActor actor;

    OnMessage(FiberActor actor) {
      this.actor = actor;
    }

    @Override
    public boolean isDefinedAt(Object message) {
      return message instanceof Command;
    }

    @Override
    public BoxedUnit apply(Object message) {
      actor.onMessage(message);
      return BoxedUnit.UNIT;
    }
  }

  private void onMessage(Object message) {
    try {
      if (message instanceof Start s) {
        task = s.task();
        if (!task.attach(getSelf())) {
          getContext().stop(getSelf()); // the park did not start: the fiber failed with it
        }
        return;
      }
      FiberTask t = task;
      if (t == null) {
        return; // not possible: Start is the first message a new fiber actor gets
      }
      if (message == Woken.INSTANCE) {
        t.resumeFromWake();
        run(t);
      } else if (message instanceof Resume r) {
        t.resumeFromPark(r.value(), r.failed());
        run(t);
      } else if (message == Run.INSTANCE) {
        run(t);
      } else if (message == Cancel.INSTANCE && t.withdrawPark()) {
        run(t);
      }
    } catch (RuntimeException | Error e) {
      // The fiber failed while finishing (it has its outcome): stop, as a typed actor's default
      // supervision would, instead of letting the parent restart an actor without its fiber (a
      // classic child's default is a restart, and the new instance would have no task).
      getContext().stop(getSelf());
      getContext().getSystem().log().error(e, "fiber actor {} failed", getSelf().path());
    }
  }

  private void run(FiberTask t) {
    if (!t.runSlice()) {
      getContext().stop(getSelf());
    }
  }
}
