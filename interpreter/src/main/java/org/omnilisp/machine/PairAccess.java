package org.omnilisp.machine;

import org.omnilisp.lang.Pair;

/**
 * {@code (car x)} and {@code (cdr x)} of a simple operand: the pair's field read in place, where
 * {@link PrimCall} calls the primitive through its function object (a megamorphic interface call)
 * and a checking helper. Not a pair: the general call raises the primitive's error.
 */
final class PairAccess extends InPlaceCall {
  private final Operand x;
  private final boolean car;

  PairAccess(PrimCall general, Node x, boolean car) {
    super(general);
    this.x = Operand.ofSimple(x);
    this.car = car;
  }

  Operand operand() {
    return x;
  }

  boolean isCar() {
    return car;
  }

  @Override
  public Object eval(Machine m, Object[] env) {
    Object v = x.read(m, env);
    if (v instanceof Pair p && builtin()) {
      return car ? p.car : p.cdr;
    }
    return general.applyValues(m, v);
  }
}
