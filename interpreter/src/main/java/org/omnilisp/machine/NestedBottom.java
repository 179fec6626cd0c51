package org.omnilisp.machine;

/**
 * The bottom of a nested trampoline's chain ({@link Machine#runNested}: a coroutine resumed from
 * direct style). While the nested run lasts, reaching it returns the value to the Java caller. When
 * the nested run has to go on as the machine after all (a park, the end of the slice, a raise that
 * leaves the coroutine), the {@link Suspend} that carries it out {@link #link links} it to the heap
 * frames rebuilt from the Java stack: from then on it passes the value through to them.
 */
final class NestedBottom extends Frame {
  private boolean linked;

  /** From now on the value goes on to {@code below}. */
  void link(Frame below) {
    next = below;
    linked = true;
  }

  @Override
  public void resume(Machine m) {
    if (!linked) {
      throw new IllegalStateException("the bottom of a nested run was reached outside it");
    }
    // the value passes through
  }
}
