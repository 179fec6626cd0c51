package org.omnilisp.machine;

import org.omnilisp.lang.SourcePos;

/**
 * A piece of analysed code. {@link #exec} runs it on the machine: it either leaves a value in
 * {@code m.value} (the machine then returns it to the continuation {@code m.k}) or sets {@code
 * m.node}/{@code m.env} to jump, pushing frames for whatever must happen afterwards.
 *
 * <p>Simple nodes (constants, variables, calls of pure primitives over simple operands) can also be
 * evaluated directly in Java by {@link #eval}; that fast path is where most of the speed comes
 * from.
 */
public abstract class Node {
  protected final SourcePos pos;

  protected Node(SourcePos pos) {
    this.pos = pos;
  }

  public abstract void exec(Machine m);

  public boolean isSimple() {
    return false;
  }

  /**
   * How deep Java recursion goes when a simple node is evaluated directly (1 for a leaf). Nodes
   * whose simple operands nest deeper than {@link PrimCall#MAX_SIMPLE_DEPTH} run through frames
   * instead, so a 10,000-deep expression cannot overflow the Java stack.
   */
  public int simpleDepth() {
    return 1;
  }

  /** Evaluates a simple node directly; only called when {@link #isSimple()} is true. */
  public Object eval(Machine m, Object[] env) {
    throw new IllegalStateException("not a simple node: " + getClass().getSimpleName());
  }

  /**
   * Computes this node's value into {@code m.value} without the machine, if it can: returns true
   * when done, or false having done nothing at all (the caller then runs it normally).
   */
  public boolean tryInline(Machine m, Object[] env) {
    return false;
  }

  /** Evaluating it has no effect and cannot fail differently twice (constants and variables). */
  public boolean isPure() {
    return false;
  }

  public SourcePos pos() {
    return pos;
  }
}
