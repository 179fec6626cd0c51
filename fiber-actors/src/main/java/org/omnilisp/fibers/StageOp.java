package org.omnilisp.fibers;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.machine.ParkOp;
import org.omnilisp.machine.Waker;

/**
 * A park on something completed later (a bind, an HTTP response, an asynchronous Java procedure's
 * stage; used by the http module and the embedding API): the fiber (or the blocked main program)
 * waits for the {@code CompletionStage} that {@code action} starts. Whichever of the completion and
 * a cancel comes first wins; a value that arrives after a cancel goes to {@code dropped} (e.g. a
 * server bound for a canceled {@code http-serve} is stopped). While it is pending the runtime knows
 * the world may still wake someone, so it is no deadlock.
 */
public final class StageOp implements ParkOp {
  private final FiberRuntime runtime;
  private final String description;
  private final Supplier<CompletionStage<?>> action;
  private final Function<Throwable, Object> error;
  private final Consumer<Object> dropped;
  private final AtomicBoolean settled = new AtomicBoolean();

  public StageOp(
      FiberRuntime runtime,
      String description,
      Supplier<CompletionStage<?>> action,
      Function<Throwable, Object> error,
      Consumer<Object> dropped) {
    this.runtime = runtime;
    this.description = description;
    this.action = action;
    this.error = error;
    this.dropped = dropped;
  }

  @Override
  public void start(Waker w) {
    runtime.ioStarted();
    CompletionStage<?> stage;
    try {
      stage = action.get();
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenComplete(
        (value, failure) -> {
          if (!settled.compareAndSet(false, true)) {
            if (failure == null) {
              dropped.accept(value);
            }
            return;
          }
          runtime.ioEnded();
          if (failure == null) {
            w.wake(value);
          } else {
            Throwable cause = unwrap(failure);
            w.fail(cause instanceof LispThrow t ? t.payload() : error.apply(cause));
          }
        });
  }

  @Override
  public boolean cancel() {
    if (!settled.compareAndSet(false, true)) {
      return false;
    }
    runtime.ioEnded();
    return true;
  }

  @Override
  public String describe() {
    return description;
  }

  /** The cause under CompletionException and ExecutionException wrappers. */
  public static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
