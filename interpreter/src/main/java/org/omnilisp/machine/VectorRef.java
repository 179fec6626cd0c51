package org.omnilisp.machine;

import org.omnilisp.lang.LispArray;

/**
 * {@code (vector-ref v k)} of simple operands (the sieve's test): the element read in place, with
 * one bounds check, where {@link PrimCall} goes through the primitive's function object, checks the
 * index against the size (one more lock of the array) and reads it. Not an array, not an index in
 * range: the general call raises the primitive's error.
 */
final class VectorRef extends InPlaceCall {
  private final Operand v;
  private final Operand k;

  VectorRef(PrimCall general, Node v, Node k) {
    super(general);
    this.v = Operand.ofSimple(v);
    this.k = Operand.ofSimple(k);
  }

  Operand vector() {
    return v;
  }

  Operand index() {
    return k;
  }

  @Override
  public Object eval(Machine m, Object[] env) {
    Object a = v.read(m, env);
    Object i = k.read(m, env);
    if (a instanceof LispArray array && i instanceof Long index && builtin()) {
      Object x = array.get(index);
      if (x != null) {
        return x;
      }
    }
    return general.applyValues(m, a, i);
  }
}
