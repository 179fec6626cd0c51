package org.omnilisp.ports;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.machine.IoSupport;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.ParkOp;
import org.omnilisp.machine.Waker;

/**
 * A park whose work blocks a thread (a file read or write, waiting for a process): it runs on the
 * runtime's blocking executor ({@code omni.io-dispatcher}), never on the fiber pool, and wakes the
 * fiber with the result. A three-state claim settles the race with a cancel: a canceled operation
 * raises {@code canceled} at once, and what its work produced later goes to {@code lost} (a read
 * keeps its bytes for the next read).
 */
public final class BlockingOp implements ParkOp {
  /** Blocking work: returns the value to wake with; an exception becomes an error. */
  @FunctionalInterface
  public interface Work {
    Object run() throws IOException, InterruptedException;
  }

  private static final int PENDING = 0;
  private static final int DONE = 1;
  private static final int CANCELED = 2;

  private final IoSupport io;
  private final Work work;
  private final String what;
  private final ErrorMapper errors;
  private final Consumer<Object> lost;
  private final AtomicInteger state = new AtomicInteger();
  private volatile Runnable onCancel = () -> {};

  /** Turns a failure of the work into the error object to raise. */
  @FunctionalInterface
  public interface ErrorMapper {
    ErrorObject error(Exception e);
  }

  public BlockingOp(
      IoSupport io, String what, Work work, ErrorMapper errors, Consumer<Object> lost) {
    this.io = io;
    this.what = what;
    this.work = work;
    this.errors = errors;
    this.lost = lost;
  }

  /** Runs {@code work} on the caller outside spawned fibers, else parks {@code m} on it. */
  public static void run(Machine m, String what, Work work, ErrorMapper errors) {
    if (m.root() == null) {
      m.setValue(runHere(work, errors));
    } else {
      m.park(new BlockingOp(m.context().io(), what, work, errors, r -> {}));
    }
  }

  /** Runs {@code work} on this thread; a failure is raised as its error object. */
  public static Object runHere(Work work, ErrorMapper errors) {
    try {
      return work.run();
    } catch (LispThrow t) {
      throw t;
    } catch (IOException | RuntimeException e) {
      throw new LispThrow(errors.error(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LispThrow(errors.error(e));
    }
  }

  /** What to do (besides raising canceled) when a cancel wins: e.g. kill the process. */
  public void onCancel(Runnable r) {
    onCancel = r;
  }

  @Override
  public void start(Waker w) {
    io.waitStarted();
    io.blockingExecutor()
        .execute(
            () -> {
              Object result;
              boolean failed = false;
              try {
                result = work.run();
              } catch (LispThrow t) {
                result = t.payload();
                failed = true;
              } catch (Exception e) {
                result = errors.error(e);
                failed = true;
              }
              if (state.compareAndSet(PENDING, DONE)) {
                io.waitEnded();
                if (failed) {
                  w.fail(result);
                } else {
                  w.wake(result);
                }
              } else if (!failed) {
                lost.accept(result);
              }
            });
  }

  @Override
  public boolean cancel() {
    if (state.compareAndSet(PENDING, CANCELED)) {
      io.waitEnded();
      onCancel.run();
      return true;
    }
    return false;
  }

  @Override
  public String describe() {
    return what;
  }
}
