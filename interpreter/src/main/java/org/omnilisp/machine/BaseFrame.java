package org.omnilisp.machine;

/**
 * The bottom frame of a resumed coroutine. Its {@code next} links to the resumer's chain while the
 * coroutine runs and is cut when it yields. Reaching it means the coroutine's body returned.
 */
final class BaseFrame extends Frame {
  private final Fiber fiber;

  BaseFrame(Fiber fiber) {
    this.fiber = fiber;
  }

  @Override
  public void resume(Machine m) {
    fiber.finish(FiberState.DONE, m.value);
    Coroutines.leave(m, fiber);
    next = null;
  }

  @Override
  protected boolean catchesRaise() {
    return true;
  }

  /**
   * The coroutine failed: the error is raised again in the resumer, where its exception handlers
   * see it.
   */
  @Override
  public boolean unwind(Machine m, Object payload) {
    fiber.finish(Fiber.stateForError(payload), payload);
    Coroutines.leave(m, fiber);
    m.push(new DynamicWind.RaiseAgain(payload));
    return true;
  }
}
