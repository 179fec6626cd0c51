package org.omnilisp.api;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.machine.ParkOp;
import org.omnilisp.machine.Waker;

/**
 * A fiber waiting for the {@link CompletionStage} of an asynchronous Java procedure. Whichever of
 * the completion and a cancel comes first wins; a canceled wait leaves the stage itself alone (it
 * may be shared), its later result is dropped.
 */
final class CompletionStageOp implements ParkOp {
  private final String name;
  private final CompletionStage<?> stage;
  private final AtomicBoolean settled = new AtomicBoolean();

  CompletionStageOp(String name, CompletionStage<?> stage) {
    this.name = name;
    this.stage = stage;
  }

  @Override
  public void start(Waker waker) {
    stage.whenComplete(
        (value, error) -> {
          if (!settled.compareAndSet(false, true)) {
            return;
          }
          if (error != null) {
            waker.fail(failure(error));
            return;
          }
          Object lisp;
          try {
            lisp = Values.toLisp(value);
          } catch (IllegalArgumentException e) {
            waker.fail(new ErrorObject(name + ": " + e.getMessage()));
            return;
          }
          waker.wake(lisp);
        });
  }

  private Object failure(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof LispError l) {
      return l.payload();
    }
    String message = cause.getMessage() != null ? cause.getMessage() : cause.toString();
    return new ErrorObject(name + ": " + message).withCause(cause);
  }

  @Override
  public boolean cancel() {
    return settled.compareAndSet(false, true);
  }

  @Override
  public String describe() {
    return "the result of " + name;
  }
}
