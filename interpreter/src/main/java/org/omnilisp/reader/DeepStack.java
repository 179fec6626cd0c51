package org.omnilisp.reader;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.omnilisp.lang.Errors;

/**
 * Runs a recursive computation on a fresh thread whose stack is large enough for input nested
 * {@link Reader#MAX_DEPTH} deep, for callers whose own thread (a pool worker, a test runner) has a
 * small stack. The caller waits for it; what it throws is thrown to the caller.
 */
final class DeepStack {
  /** Far more than MAX_DEPTH levels of the reader's frames need, even uncompiled. */
  private static final long STACK_BYTES = 64L << 20;

  private DeepStack() {}

  static <T> T call(Supplier<T> body) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                result.set(body.get());
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            "omni-deep-read",
            STACK_BYTES);
    t.setDaemon(true);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.error("read: interrupted");
    }
    Throwable e = failure.get();
    if (e instanceof RuntimeException r) {
      throw r;
    }
    if (e instanceof Error err) {
      throw err;
    }
    return result.get();
  }
}
