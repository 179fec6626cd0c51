package org.omnilisp.machine;

import org.omnilisp.lang.SourcePos;

/**
 * A call of a global that held a machine primitive with a fast path when the call was analysed
 * ({@code (mutex-lock! m)}, {@code (recv ch)}, {@code (send ch v)}): with pure operands it first
 * tries the fast path in place, with no frame and no argument array, and runs as an ordinary call
 * only when that path declines.
 *
 * <p>Its procedure stays on the machine (it is not run in direct style, see {@link Call}): where
 * these calls wait (a {@code recv} on a rendezvous channel nearly always does), a suspension out of
 * direct style per call cost more than the machine's call (session 7, docs/performance.md).
 */
public final class FastCall extends Node {
  private final Global cell;
  private final MachinePrimitive prim;
  private final Node arg;
  private final Node arg2; // null for one argument
  private final Call generic;

  public FastCall(Global cell, MachinePrimitive prim, Node arg, SourcePos pos) {
    this(cell, prim, new Node[] {arg}, pos);
  }

  public FastCall(Global cell, MachinePrimitive prim, Node[] args, SourcePos pos) {
    super(pos);
    this.cell = cell;
    this.prim = prim;
    this.arg = args[0];
    this.arg2 = args.length > 1 ? args[1] : null;
    this.generic = new Call(new GlobalRef(cell, pos), args, pos);
  }

  /** Whether {@code prim} has a fast path this node can use. */
  public static boolean applies(MachinePrimitive prim, Node[] args) {
    for (Node a : args) {
      if (!a.isPure()) {
        return false;
      }
    }
    return args.length == 1 ? prim.fast1() != null : args.length == 2 && prim.fast2() != null;
  }

  private Object fast(Machine m, Object a, Object b) {
    return arg2 == null ? prim.fast1().apply(m, a) : prim.fast2().apply(m, a, b);
  }

  @Override
  public boolean tryInline(Machine m, Object[] env) {
    if (cell.raw() != prim) {
      return false;
    }
    Object result = fast(m, arg.eval(m, env), arg2 == null ? null : arg2.eval(m, env));
    if (result == MachinePrimitive.SLOW) {
      return false;
    }
    m.value = result;
    return true;
  }

  @Override
  Object run(Machine m, Object[] env) {
    return tryInline(m, env) ? m.value : generic.run(m, env);
  }

  @Override
  public void exec(Machine m) {
    if (!tryInline(m, m.env)) {
      generic.exec(m);
    }
  }
}
