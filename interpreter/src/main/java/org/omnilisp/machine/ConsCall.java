package org.omnilisp.machine;

import org.omnilisp.lang.Pair;

/**
 * {@code (cons a b)} of simple operands: the pair made in place, no call through the primitive's
 * function object.
 */
final class ConsCall extends InPlaceCall {
  private final Operand a;
  private final Operand b;

  ConsCall(PrimCall general, Node a, Node b) {
    super(general);
    this.a = Operand.ofSimple(a);
    this.b = Operand.ofSimple(b);
  }

  Operand left() {
    return a;
  }

  Operand right() {
    return b;
  }

  @Override
  public Object eval(Machine m, Object[] env) {
    Object x = a.read(m, env);
    Object y = b.read(m, env);
    return builtin() ? new Pair(x, y) : general.applyValues(m, x, y);
  }
}
