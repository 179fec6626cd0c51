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

  /**
   * Direct style (see {@link Direct}): computes this node's value on the Java stack. A node that
   * cannot (or a piece of work that needs the machine) throws a {@link Suspend} that goes on with
   * it on the machine; this default does that for the whole node.
   */
  Object run(Machine m, Object[] env) {
    throw Suspend.node(this, env);
  }

  /**
   * {@link #run} in tail position: a call of a closure that runs directly may instead return {@link
   * Direct#TAIL} with the callee's body and frame in the machine ({@code tailBody}, {@code
   * tailEnv}), for the loop in {@link Direct#loop}: so tail calls grow no Java stack.
   */
  Object runTail(Machine m, Object[] env) {
    return run(m, env);
  }

  /**
   * Whether running this node may need the machine for sure or by its kind: a node without a
   * direct-style version, or a call of a built-in that parks, yields or captures. A procedure whose
   * body may not run in direct style at all (its calls go through the machine as before).
   */
  boolean mayPark() {
    return true;
  }

  /** How many nested {@link #run} calls deep running this node goes (1 for a leaf). */
  int directDepth() {
    return 1;
  }
}
