package org.omnilisp.machine;

/**
 * {@code (eq? a b)} of simple operands (deriv's {@code (eq? (car a) '+)}): the identity test in
 * place, no argument passing through the primitive's function object.
 */
final class EqCall extends InPlaceCall {
  private final Operand a;
  private final Operand b;

  EqCall(PrimCall general, Node a, Node b) {
    super(general);
    this.a = Operand.ofSimple(a);
    this.b = Operand.ofSimple(b);
  }

  @Override
  public Object eval(Machine m, Object[] env) {
    Object x = a.read(m, env);
    Object y = b.read(m, env);
    return builtin() ? (Object) (x == y) : general.applyValues(m, x, y);
  }
}
