package org.omnilisp.analyzer;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.omnilisp.lang.SourcePos;
import org.omnilisp.machine.Code;

/**
 * The analyzer recurses on the Java stack, one level per level of nesting. A form nested too deeply
 * for the caller's stack (a 10,000-deep expression, as a macro may build) is analysed again on a
 * short-lived thread with a big stack; beyond even that, analysis stops with a clear error at the
 * form's position instead of a Java trace. Only forms that overflowed pay for the thread.
 */
final class DeepAnalysis {
  /** The stack of the helper thread: room for about a million levels. */
  static final long STACK_BYTES = 1L << 30;

  private DeepAnalysis() {}

  static Code run(Supplier<Code> analysis, SourcePos pos) {
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                outcome.set(analysis.get());
              } catch (StackOverflowError e) {
                outcome.set(Syntax.error("analyze: expression nested too deeply to analyze", pos));
              } catch (RuntimeException | Error e) {
                outcome.set(e);
              }
            },
            "omni-deep-analysis",
            STACK_BYTES);
    t.setDaemon(true);
    t.start();
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Object o = outcome.get();
    if (o instanceof Code c) {
      return c;
    }
    if (o instanceof RuntimeException e) {
      throw e;
    }
    throw (Error) o;
  }
}
