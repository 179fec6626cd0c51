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

  @Override
  public Object run(Machine m) {
    while (true) {
      switch (m.run(slice)) {
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
    return done;
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
