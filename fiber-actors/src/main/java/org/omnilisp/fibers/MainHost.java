package org.omnilisp.fibers;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.machine.BlockingHost;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.ParkOp;

/**
 * The host of the main program and of OS threads: a park blocks the thread. While it waits it
 * watches for a deadlock: when twice in a row no fiber can run, no timer is pending, no OS thread
 * is alive and nothing was woken in between, nothing can ever complete the wait, so it withdraws
 * the operation and raises an error that says what every fiber waits for.
 */
final class MainHost extends BlockingHost {
  private final FiberRuntime runtime;
  private volatile ParkOp waiting; // what the thread waits for now, or null (tests look)

  MainHost(FiberRuntime runtime, long slice) {
    super(slice);
    this.runtime = runtime;
  }

  @Override
  protected void woken() {
    runtime.counters.step();
    runtime.hostActivity();
  }

  /** A scope waiting for its fibers cannot be withdrawn: it cancels them, then raises. */
  @Override
  protected boolean withdrawFor(ParkOp op, CompletableFuture<Outcome> done, Object payload) {
    if (op instanceof Scope.WaitForFibers scopeWait) {
      scopeWait.abandon(payload);
      return true;
    }
    return super.withdrawFor(op, done, payload);
  }

  @Override
  protected Outcome awaitPark(Machine m, ParkOp op) {
    runtime.interp.out().flush(); // what the program printed so far shows while it waits
    CompletableFuture<Outcome> done = start(m, op);
    if (!runtime.stop.addBlocked(done)) {
      op.cancel();
      return RuntimeStop.stoppedOutcome();
    }
    waiting = op;
    try {
      Outcome outcome = await(op, done);
      if (outcome.failed() && outcome.value() == RuntimeStop.stoppedOutcome().value()) {
        op.cancel(); // released by the runtime's stop: withdraw what it waited for
      }
      return outcome;
    } finally {
      waiting = null;
      runtime.stop.removeBlocked(done);
    }
  }

  /** The outcome if {@code done} completes within {@link #SPIN_NANOS}, else null. */
  private static Outcome spinFor(CompletableFuture<Outcome> done) {
    long start = System.nanoTime();
    do { // first without yielding the core: a worker on another core answers within it
      for (int i = 0; i < 16; i++) {
        if (done.isDone()) {
          return done.join();
        }
        Thread.onSpinWait();
      }
    } while (System.nanoTime() - start < PURE_SPIN_NANOS);
    long deadline = start + SPIN_NANOS;
    do {
      for (int i = 0; i < 16; i++) {
        if (done.isDone()) {
          return done.join();
        }
        Thread.onSpinWait();
      }
      Thread.yield();
    } while (System.nanoTime() - deadline < 0);
    return null;
  }

  /** What the thread of this host is blocked on now, in words, or null. */
  String waitingFor() {
    ParkOp op = waiting;
    return op != null ? op.describe() : null;
  }

  /**
   * How long a blocked thread spins (yielding its core) before it parks: a join of a fiber that a
   * pool thread runs, or a {@code recv} that a fiber answers at once, often completes within a few
   * microseconds, less than a park and an unpark of this thread cost (15–40 µs). Spinning with
   * {@code Thread.yield} lets the pool thread that will answer have the core on a busy machine (a
   * spin without it made things worse there).
   */
  private static final long SPIN_NANOS = 20_000;

  /**
   * How long of that it spins without yielding. A yield on a loaded machine can give the core away
   * for a whole time slice, while the worker that runs the joined fiber (on the other core) answers
   * within microseconds and, waiting for the next spawn itself (HostHandoff), gives up after its
   * own spin: with yields from the start, the main program was off its core when the worker looked
   * for its next task, in nearly every iteration of mainjoin.omni under load.
   */
  private static final long PURE_SPIN_NANOS = 5_000;

  /** How often, 10 ms apart, the wait may run out of memory in a row before it gives up. */
  private static final int OUT_OF_MEMORY_RETRIES = 500;

  private static final long OUT_OF_MEMORY_PAUSE_NANOS = 10_000_000;

  private Outcome await(ParkOp op, CompletableFuture<Outcome> done) {
    Outcome quick = spinFor(done);
    if (quick != null) {
      return quick;
    }
    long lastProgress = -1;
    int quietChecks = 0;
    int outOfMemory = 0;
    while (true) {
      try {
        return done.get(runtime.deadlockCheckMillis(), TimeUnit.MILLISECONDS);
      } catch (OutOfMemoryError e) {
        // The wait itself allocates a little (a timeout, a wait node). Running out here means
        // another thread, the fiber this one waits for most likely, took the heap: that fiber
        // reports it as its own. Only when the heap stays full does this thread report it.
        if (++outOfMemory == OUT_OF_MEMORY_RETRIES) {
          throw e;
        }
        LockSupport.parkNanos(OUT_OF_MEMORY_PAUSE_NANOS);
      } catch (TimeoutException e) {
        outOfMemory = 0;
        long progress = runtime.counters.progress();
        boolean quiet = runtime.quiescent() && progress == lastProgress;
        quietChecks = quiet ? quietChecks + 1 : 0;
        lastProgress = progress;
        if (quietChecks == 2) {
          ErrorObject deadlock = new ErrorObject(runtime.deadlockReport(op));
          runtime.log.deadlock(runtime.systemName(), deadlock.message());
          if (op instanceof Scope.WaitForFibers scopeWait) {
            // the scope raises it once its fibers, canceled now, have stopped
            scopeWait.abandon(deadlock);
          } else if (op.cancel()) {
            return new Outcome(deadlock, true);
          }
        }
      } catch (InterruptedException e) {
        return interrupted(op, done);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
