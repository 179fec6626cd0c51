package org.omnilisp.machine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Nothing;

/**
 * The host of the main program and of OS threads: when the machine parks, the calling thread waits
 * for the operation to complete. Subclasses change how it waits (for example to detect a deadlock).
 */
public class BlockingHost implements Host {
  private final long slice;

  public BlockingHost() {
    this(Long.MAX_VALUE);
  }

  /**
   * A host that stops the machine every {@code slice} steps and goes on from its continuation (the
   * conformance suite runs with tiny slices to prove suspension changes nothing).
   */
  public BlockingHost(long slice) {
    this.slice = slice;
  }

  /**
   * How many steps the machine runs between two looks at a pending {@link #interrupt}: a look every
   * 10,000 steps costs nothing measurable. Without a slice of its own the host lets the machine
   * look without ending the slice while direct-style code holds a deep Java stack ({@link
   * Machine#lookForInterrupts}): each end of a slice unwinds that code into heap frames, for ack's
   * 4,000-deep recursion 40% of its time. Where the stack is shallow the slice ends as before
   * (which keeps the JIT's profile of the suspension paths as it was: slices that never end made
   * deriv and nqueens 20-80% slower). docs/performance.md, sessions 7b and 8.
   */
  private static final long INTERRUPT_CHECK_STEPS = 10_000;

  // An interruption requested from another thread (the REPL's Ctrl-C), and the park in progress
  // that it would withdraw; all three written under this (the first is read without it too, by the
  // machine's look between two slices).
  private volatile Object interruption;
  private ParkOp parkedOn;
  private CompletableFuture<Outcome> parkDone;

  @Override
  public Object run(Machine m) {
    long steps = Math.min(slice, INTERRUPT_CHECK_STEPS);
    if (slice == Long.MAX_VALUE) {
      m.lookForInterrupts(INTERRUPT_CHECK_STEPS, () -> interruption != null);
    }
    while (true) {
      Object interrupt = takeInterruption();
      if (interrupt != null) {
        m.interrupt(interrupt);
      }
      switch (m.run(steps)) {
        case DONE:
          return m.value;
        case FAILED:
          throw new LispThrow(m.value, m.failureTrace());
        case PARK:
          await(m);
          break;
        case YIELD:
          m.resume(Nothing.NOTHING);
          break;
        case SLICE:
          break;
        default:
          throw new IllegalStateException();
      }
    }
  }

  private void await(Machine m) {
    Outcome outcome = awaitPark(m, m.parkOp());
    if (outcome.failed) {
      m.resumeWithError(outcome.value);
    } else {
      m.resume(outcome.value);
    }
  }

  /**
   * From any thread: raises {@code payload} in the code this host runs, as if the step it is at, or
   * the operation it waits for, had raised it. {@code finally} clauses run; a {@code with-fibers}
   * scope it is in cancels its fibers. Taken once, at the next check (every {@link
   * #INTERRUPT_CHECK_STEPS} steps) or at once by a wait in progress.
   */
  public void interrupt(Object payload) {
    synchronized (this) {
      interruption = payload;
      if (parkedOn != null && withdrawFor(parkedOn, parkDone, payload)) {
        interruption = null;
      }
    }
  }

  /** Forgets an interruption that no code has taken yet. */
  public synchronized void clearInterruption() {
    interruption = null;
  }

  private Object takeInterruption() {
    synchronized (this) {
      Object p = interruption;
      interruption = null;
      return p;
    }
  }

  /**
   * Withdraws the park {@code op} (waited for through {@code done}) so that it raises {@code
   * payload}; false if it cannot (it has completed: the interruption then waits for the next
   * check). Subclasses that know kinds of waits that cannot be withdrawn handle them here.
   */
  protected boolean withdrawFor(ParkOp op, CompletableFuture<Outcome> done, Object payload) {
    if (op.cancel()) {
      done.complete(new Outcome(payload, true));
      return true;
    }
    return false;
  }

  /** How a park ended: a value, or an error to raise. */
  public record Outcome(Object value, boolean failed) {}

  /** Starts {@code op}, the park of {@code m}, and blocks this thread until it completes. */
  protected Outcome awaitPark(Machine m, ParkOp op) {
    CompletableFuture<Outcome> done = start(m, op);
    try {
      return done.get();
    } catch (InterruptedException e) {
      return interrupted(op, done);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts {@code op}, the park of {@code m}, with a waker that completes the returned future. */
  protected final CompletableFuture<Outcome> start(Machine m, ParkOp op) {
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    done.whenComplete((outcome, error) -> parkEnded(op));
    m.startPark(
        op,
        new Waker() {
          @Override
          public void wake(Object value) {
            woken();
            done.complete(new Outcome(value, false));
          }

          @Override
          public void fail(Object error) {
            woken();
            done.complete(new Outcome(error, true));
          }
        });
    synchronized (this) {
      if (!done.isDone()) {
        parkedOn = op;
        parkDone = done;
        if (interruption != null && withdrawFor(op, done, interruption)) {
          interruption = null;
        }
      }
    }
    return done;
  }

  private synchronized void parkEnded(ParkOp op) {
    if (parkedOn == op) {
      parkedOn = null;
      parkDone = null;
    }
  }

  /** Called on the waking thread when a park completes (a deadlock detector counts it). */
  protected void woken() {}

  /**
   * The waiting thread was interrupted: withdraws {@code op} and raises an error, or, if the
   * operation has completed meanwhile (its completion is on its way), takes that outcome so that
   * nothing it carried is lost. The thread stays interrupted.
   */
  protected static Outcome interrupted(ParkOp op, CompletableFuture<Outcome> done) {
    Thread.currentThread().interrupt();
    if (op.cancel()) {
      return new Outcome(new ErrorObject("interrupted while waiting for " + op.describe()), true);
    }
    return done.join();
  }
}
