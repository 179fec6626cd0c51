package org.omnilisp.fibers;

/**
 * One fiber dispatcher's pool, as the runtime knows it: Pekko shuts a dispatcher's executor down
 * when nothing has run on it for its {@code shutdown-timeout} and makes a new one on the next task,
 * so the runtime holds this instead of a {@link FiberExecutor}: the executor that runs the
 * dispatcher now, and the hand-off from host threads that all its executors share.
 */
final class FiberPool {
  final HostHandoff handoff = new HostHandoff();
  private volatile FiberExecutor current;

  void use(FiberExecutor executor) {
    current = executor;
  }

  /** Whether the pool is idle (see {@link FiberExecutor#isIdle}). */
  boolean isIdle() {
    FiberExecutor e = current;
    return e == null || e.isIdle();
  }
}
