package org.omnilisp.threads;

import org.omnilisp.machine.Host;

/** What the runtime provides to OS threads started by {@code (thread thunk)}. */
public interface ThreadSupport {
  /**
   * A blocking host for a new OS thread: a park blocks that thread (with deadlock detection in the
   * real runtime).
   */
  Host newThreadHost();

  /** Called before an OS thread starts, so the runtime counts it as live. */
  void threadStarted();

  /** Called once when an OS thread ends (after its joiners were woken). */
  void threadEnded();

  /**
   * Reports the error of a thread nobody joined ({@code thread N failed: message}). Standard error
   * by default.
   */
  default void reportUnjoinedError(String line) {
    System.err.println(line);
  }

  /**
   * A thread failed while nobody was joining it: report {@code line} unless {@code joined} turns
   * true soon (a {@code thread-join} that catches the error), as the runtime does for fibers. By
   * default it reports at once unless joined already.
   */
  default void reportUnlessJoined(String line, java.util.function.BooleanSupplier joined) {
    if (!joined.getAsBoolean()) {
      reportUnjoinedError(line);
    }
  }
}
