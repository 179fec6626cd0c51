package org.omnilisp.machine;

import java.util.concurrent.Executor;

/**
 * What the port layer needs from the runtime that hosts spawned fibers: where blocking work (files,
 * processes) runs while a fiber parks, and a count of waits on the outside world (a blocked main
 * program is not deadlocked while such a wait is pending). The interpreter alone has no spawned
 * fibers, so every blocking operation runs on its caller.
 */
public interface IoSupport {
  /** The executor for blocking I/O (the runtime's {@code omni.io-dispatcher}). */
  Executor blockingExecutor();

  /** A wait on the outside world started (a read, an accept, a process). */
  void waitStarted();

  /** That wait ended (or was withdrawn). */
  void waitEnded();

  /** Runs blocking work on the caller: for an interpreter without a fiber runtime. */
  IoSupport DIRECT =
      new IoSupport() {
        @Override
        public Executor blockingExecutor() {
          return Runnable::run;
        }

        @Override
        public void waitStarted() {}

        @Override
        public void waitEnded() {}
      };
}
