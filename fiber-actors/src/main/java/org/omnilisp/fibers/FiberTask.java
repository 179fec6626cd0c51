package org.omnilisp.fibers;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Nothing;
import org.omnilisp.machine.Fiber;
import org.omnilisp.machine.FiberState;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.ParkOp;
import org.omnilisp.machine.SpawnedTask;
import org.omnilisp.machine.Waker;

/**
 * The scheduler's side of one spawned fiber: its machine, its joiners, and (once it has parked) its
 * actor ({@link FiberActor}, which runs it from then on), and the waker of its parks.
 *
 * <p>A fiber starts as a plain task on the fiber dispatcher: spawning costs no actor, which keeps
 * spawn and join of a million short fibers cheap. The first time it parks it gets an actor, which
 * from then on holds its continuation: completions of its parks arrive as messages, and its slices
 * run inside the actor. So every fiber that waits, waits inside an addressable actor.
 *
 * <p>It is its own first task on the fork-join pool (a {@link FiberExecutor.PoolTask}), so a spawn
 * allocates no wrapper; later slices go as other runnables.
 *
 * <p>The machine is only ever touched by one thread at a time: the task's thread until the first
 * park, the actor after it (the park's waker hands over through the actor's mailbox).
 */
final class FiberTask extends FiberExecutor.PoolTask implements Waker, SpawnedTask {
  private static final VarHandle STARTED;

  static {
    try {
      STARTED = MethodHandles.lookup().findVarHandle(FiberTask.class, "started", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final FiberRuntime runtime;
  final Fiber fiber;
  final Scope scope;
  // Made when the fiber first runs and dropped when it ends, so a fiber waiting to start or
  // finished holds only its thunk or its result.
  private Machine machine;
  private volatile ActorRef actor; // a classic actor: see FiberActor
  private volatile ParkOp parked;
  // The completion of the current park, from its waker to the actor (see wake).
  private Object wakeValue;
  private boolean wakeFailed;
  private List<Waker> joiners; // created by the first joiner that has to wait
  private boolean ending; // finish has begun (touched only by the thread running the fiber)
  private boolean finished;
  private volatile boolean joined;

  @SuppressWarnings("unused") // accessed through STARTED
  private volatile boolean started; // its first slice was claimed: by the pool or by a joiner

  // Its links in the runtime's list of live fibers (guarded by that list: see LiveFibers).
  FiberTask livePrev;
  FiberTask liveNext;

  FiberTask(FiberRuntime runtime, Fiber fiber, Scope scope) {
    this.runtime = runtime;
    this.fiber = fiber;
    this.scope = scope;
  }

  /** Task mode: the fiber's first slice on the dispatcher, unless a joiner has run it already. */
  @Override
  public void run() {
    if (STARTED.compareAndSet(this, false, true)) {
      runSlice();
    }
  }

  /**
   * A joiner on a pool thread runs the fiber's first slice itself if the fiber has not started (as
   * a fork-join pool's join does): a fiber that finishes within it answers the join with no park,
   * no actor and no message. Returns whether it ran the slice. Nested joins of this kind go at most
   * {@link FiberExecutor#MAX_HELP_DEPTH} deep on one thread's stack, and the slice's direct-style
   * code goes on from the Java stack's depth of {@code joiner}, the machine below ({@link
   * Machine#runAbove}).
   */
  boolean runHereIfUnstarted(Machine joiner) {
    if (!(Thread.currentThread() instanceof FiberExecutor.Worker w)
        || w.helpDepth >= FiberExecutor.MAX_HELP_DEPTH
        || started
        || !STARTED.compareAndSet(this, false, true)) {
      return false;
    }
    w.helpDepth++;
    try {
      runSlice(joiner);
    } finally {
      w.helpDepth--;
    }
    return true;
  }

  /** Runs one slice; returns false once the fiber has ended. */
  boolean runSlice() {
    return runSlice(null);
  }

  /** {@link #runSlice}, nested on the Java stack above {@code joiner} (or not, if null). */
  private boolean runSlice(Machine joiner) {
    try {
      return step(joiner);
    } catch (OutOfMemoryError e) {
      machine = null; // what it held is garbage now: room to report and go on
      String what = "fiber " + fiber.id();
      runtime.outOfMemory(what);
      if (ending) {
        throw e;
      }
      finish(FiberState.FAILED, new ErrorObject("out of memory in " + what));
      return false;
    } catch (RuntimeException | Error e) {
      if (ending) {
        throw e; // failed while finishing: the fiber has its outcome; the pool or actor reports it
      }
      // A bug outside the machine (the machine turns its own into Lisp errors): fail the fiber
      // instead of losing it, so joiners and scopes still hear of it.
      finish(FiberState.FAILED, new ErrorObject("internal error: " + e).withCause(e));
      return false;
    }
  }

  private boolean step(Machine joiner) {
    fiber.setState(FiberState.RUNNING);
    if (machine == null) {
      // made at the first run, not at spawn: a fiber waiting in the queue holds only its thunk
      machine = Machine.forFiber(runtime.interp, fiber);
      machine.setScope(scope);
    }
    Machine.Status status =
        joiner != null
            ? machine.runAbove(joiner, runtime.sliceSteps())
            : machine.run(runtime.sliceSteps());
    while (status == Machine.Status.SLICE && !FiberExecutor.hasOtherWork()) {
      status = machine.run(runtime.sliceSteps()); // nobody to make room for: no round trip
    }
    switch (status) {
      case DONE -> finish(FiberState.DONE, machine.value());
      case FAILED -> finish(Fiber.stateForError(machine.value()), machine.value());
      case YIELD, SLICE -> {
        if (status == Machine.Status.YIELD) {
          machine.resume(Nothing.NOTHING);
        }
        reschedule();
        return true;
      }
      case PARK -> {
        return park(machine.parkOp());
      }
    }
    return false;
  }

  /** The path of the fiber's actor, or null while it has none (it never parked). */
  String actorPath() {
    ActorRef a = actor;
    return a == null ? null : a.path().toString();
  }

  private void reschedule() {
    ActorRef a = actor;
    if (a != null) {
      runtime.requeue(() -> a.tell(FiberActor.Run.INSTANCE, ActorRef.noSender()));
    } else {
      runtime.requeue(() -> runtime.executor().execute(this::runSlice));
    }
  }

  /** Parks the fiber on {@code op}; false if the park could not start (the fiber has failed). */
  private boolean park(ParkOp op) {
    parked = op;
    fiber.setState(FiberState.PARKED);
    ActorRef a = actor;
    if (a == null) {
      // still runnable for the deadlock detector until the new actor has started the park
      runtime.adopt(this); // the new actor starts the park: see attach
      return true;
    }
    return startParkOrFail(a, op);
  }

  /**
   * In the new actor: it holds the fiber from now on, beginning with the pending park. Returns
   * false if the park could not start: the fiber has then failed with that error (its joiners hear
   * of it) and the actor must stop.
   */
  boolean attach(ActorRef self) {
    actor = self;
    return startParkOrFail(self, parked);
  }

  /**
   * Starts the park {@code op} in the fiber's actor {@code a}, the fiber no longer runnable; or, if
   * that throws, withdraws the park and fails the fiber with the error (its joiners hear of it),
   * the fiber counted down once (by {@link #finish}). Returns whether the park started.
   */
  private boolean startParkOrFail(ActorRef a, ParkOp op) {
    try {
      startPark(a, op);
    } catch (RuntimeException | Error e) {
      parked = null;
      try {
        op.cancel(); // whatever it registered before it threw must not wake the fiber later
      } catch (RuntimeException ignored) {
        // the fiber fails with the first error
      }
      finish(FiberState.FAILED, new ErrorObject("internal error: " + e).withCause(e));
      return false;
    }
    runtime.counters.runnableDown();
    return true;
  }

  private void startPark(ActorRef a, ParkOp op) {
    machine.startPark(op, this); // this task is the park's waker: see wake and fail
    if (fiber.isCancelRequested()) {
      a.tell(FiberActor.Cancel.INSTANCE, ActorRef.noSender());
    }
  }

  /**
   * The park completed: the value goes to the fiber's actor (the only waker of a parked task). It
   * waits in this task, the message is a constant ({@link FiberActor.Woken}): a park completes
   * once, and the actor takes the value before the fiber can park again; the mailbox orders the
   * write before the actor's read.
   */
  @Override
  public void wake(Object value) {
    runtime.counters.runnableUp();
    wakeValue = value;
    actor.tell(FiberActor.Woken.INSTANCE, ActorRef.noSender());
  }

  /** The park completed with an error to raise in the fiber. */
  @Override
  public void fail(Object error) {
    runtime.counters.runnableUp();
    wakeValue = error;
    wakeFailed = true;
    actor.tell(FiberActor.Woken.INSTANCE, ActorRef.noSender());
  }

  /** In the actor: the park completed with what {@link #wake} or {@link #fail} left here. */
  void resumeFromWake() {
    Object value = wakeValue;
    boolean failed = wakeFailed;
    wakeValue = null;
    wakeFailed = false;
    resumeFromPark(value, failed);
  }

  /** In the actor: the park completed. */
  void resumeFromPark(Object value, boolean failed) {
    parked = null;
    if (failed) {
      machine.resumeWithError(value);
    } else {
      machine.resume(value);
    }
  }

  /** In the actor: withdraws the pending park after a cancel; true if the fiber goes on. */
  boolean withdrawPark() {
    ParkOp op = parked;
    if (op == null || !op.cancel()) {
      return false;
    }
    parked = null;
    runtime.counters.runnableUp();
    machine.resumeWithError(new ErrorObject(Fiber.CANCELED));
    return true;
  }

  /** Requests cancellation: the flag, and the withdrawal of a park in progress. */
  @Override
  public void cancel() {
    fiber.requestCancel();
    ActorRef a = actor;
    if (a != null) {
      a.tell(FiberActor.Cancel.INSTANCE, ActorRef.noSender());
    }
  }

  private void finish(FiberState end, Object value) {
    ending = true;
    fiber.complete(end, value);
    runtime.counters.runnableDown();
    runtime.forget(this);
    List<Waker> waiting;
    synchronized (this) {
      finished = true;
      waiting = joiners != null ? joiners : List.of();
      joiners = null;
    }
    machine = null;
    for (Waker w : waiting) {
      deliver(w);
    }
    if (scope != null) {
      scope.childEnded(this);
    } else if (end == FiberState.FAILED && waiting.isEmpty()) {
      runtime.reportIfUnjoined(this);
    }
  }

  /** Hands the fiber's outcome to a joiner. */
  void deliver(Waker w) {
    if (fiber.state() == FiberState.DONE) {
      w.wake(fiber.result());
    } else {
      w.fail(fiber.result());
    }
  }

  /** Adds a joiner; false (and nothing added) if the fiber has already finished. */
  synchronized boolean addJoiner(Waker w) {
    joined = true;
    if (finished) {
      return false;
    }
    if (joiners == null) {
      joiners = new ArrayList<>(2);
    }
    joiners.add(w);
    return true;
  }

  synchronized boolean removeJoiner(Waker w) {
    return joiners != null && joiners.remove(w);
  }

  boolean wasJoined() {
    return joined;
  }

  void markJoined() {
    joined = true;
  }

  /** The fiber's actor (as a typed reference), or null while it has never parked. */
  org.apache.pekko.actor.typed.ActorRef<FiberActor.Command> actor() {
    ActorRef a = actor;
    return a == null ? null : Adapter.toTyped(a);
  }

  /** What the fiber waits for now, in words. */
  String waitingFor() {
    ParkOp op = parked;
    return op != null ? op.describe() : "nothing (runnable)";
  }
}
