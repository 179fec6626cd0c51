package org.omnilisp.machine;

import org.omnilisp.lang.SourcePos;

/**
 * A continuation frame: what to do with the value of the computation it waits for. Frames form a
 * singly linked chain on the heap ({@code next}); the machine pops one and calls {@link #resume}
 * with the value in {@code m.value}. Frames are one-shot: once resumed or unwound they are not used
 * again, which lets a frame object be reused for its next step.
 */
public abstract class Frame implements Cloneable {
  Frame next; // the frame below: a machine register's chain, linked by the machine only

  /**
   * Set when a continuation captures this frame (see {@link Continuation}): the frame may then be
   * resumed more than once, so a frame that changes its own fields must work on a {@link #copy}.
   */
  boolean shared;

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

  /**
   * A frame that a continuation captured is about to be resumed: a frame that changes its own
   * fields when resumed returns a fresh copy of itself (same {@code next}) so the captured one
   * stays as it was; a frame whose fields never change returns itself.
   */
  protected Frame copy() {
    return this;
  }

  /**
   * Whether a raise stops looking for an R7RS exception handler at this frame and unwinds instead
   * (a {@code catch}, the bottom of a machine or of a coroutine).
   */
  protected boolean catchesRaise() {
    return false;
  }

  /** A copy of this frame (for {@link #copy}), not shared. */
  protected final Frame cloneFrame() {
    try {
      Frame f = (Frame) super.clone();
      f.shared = false;
      return f;
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }
}
