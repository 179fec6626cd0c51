package org.omnilisp.machine;

import org.omnilisp.lang.SourcePos;

/**
 * A continuation frame: what to do with the value of the computation it waits for. Frames form a
 * singly linked chain on the heap ({@code next}); the machine pops one and calls {@link #resume}
 * with the value in {@code m.value}. Frames are one-shot: once resumed or unwound they are not used
 * again, which lets a frame object be reused for its next step.
 */
public abstract class Frame {
  public Frame next;

  public abstract void resume(Machine m);

  /**
   * Called while an error unwinds through this frame (already popped). Return true to take control
   * (a catch, a finally, the bottom of the machine); false lets the unwinding go on.
   */
  public boolean unwind(Machine m, Object payload) {
    return false;
  }

  public SourcePos pos() {
    return null;
  }
}
