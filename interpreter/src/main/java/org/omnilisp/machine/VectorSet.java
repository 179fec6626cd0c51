package org.omnilisp.machine;

import org.omnilisp.lang.LispArray;
import org.omnilisp.lang.Nothing;

/**
 * {@code (vector-set! v k x)} of simple operands (the sieve's inner loop): the element stored in
 * place, where {@link PrimCall} makes an argument array for the three-argument primitive and goes
 * through two function objects, a size check and the store. Not an array, not an index in range:
 * the general call raises the primitive's error.
 */
final class VectorSet extends InPlaceCall {
  private final Operand v;
  private final Operand k;
  private final Operand x;

  VectorSet(PrimCall general, Node v, Node k, Node x) {
    super(general);
    this.v = Operand.ofSimple(v);
    this.k = Operand.ofSimple(k);
    this.x = Operand.ofSimple(x);
  }

  Operand vector() {
    return v;
  }

  Operand index() {
    return k;
  }

  Operand value() {
    return x;
  }

  @Override
  public Object eval(Machine m, Object[] env) {
    Object a = v.read(m, env);
    Object i = k.read(m, env);
    Object value = x.read(m, env);
    if (a instanceof LispArray array
        && i instanceof Long index
        && builtin()
        && array.set(index, value)) {
      return Nothing.NOTHING;
    }
    return general.applyValues(m, a, i, value);
  }
}
