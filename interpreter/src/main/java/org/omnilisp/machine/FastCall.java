package org.omnilisp.machine;

import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.SourcePos;

/**
 * A call of a global that held a machine primitive with a fast path when the call was analysed
 * ({@code (mutex-lock! m)}): with a pure operand it first tries the fast path in place, with no
 * frame and no argument array, and runs as an ordinary call only when that path declines.
 */
public final class FastCall extends Node {
  private final Global cell;
  private final MachinePrimitive prim;
  private final Node arg;
  private final Call generic;

  public FastCall(Global cell, MachinePrimitive prim, Node arg, SourcePos pos) {
    super(pos);
    this.cell = cell;
    this.prim = prim;
    this.arg = arg;
    this.generic = new Call(new GlobalRef(cell, pos), new Node[] {arg}, pos);
  }

  /** Whether {@code prim} has a fast path this node can use. */
  public static boolean applies(MachinePrimitive prim, Node[] args) {
    return prim.fast1() != null && args.length == 1 && args[0].isPure();
  }

  @Override
  public boolean tryInline(Machine m, Object[] env) {
    if (cell.raw() != prim) {
      return false;
    }
    Object result = prim.fast1().apply(m, arg.eval(m, env));
    if (result == MachinePrimitive.SLOW) {
      return false;
    }
    m.value = result;
    return true;
  }

  @Override
  Object run(Machine m, Object[] env) {
    try {
      if (tryInline(m, env)) {
        return m.value;
      }
    } catch (LispThrow t) {
      throw Suspend.of(t, pos);
    }
    return generic.run(m, env);
  }

  /** As the call it stands for: a procedure calling recv may run in direct style. */
  @Override
  boolean mayPark() {
    return generic.mayPark();
  }

  @Override
  int directDepth() {
    return generic.directDepth();
  }

  @Override
  public void exec(Machine m) {
    if (!tryInline(m, m.env)) {
      generic.exec(m);
    }
  }
}
