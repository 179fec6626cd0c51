package org.omnilisp.machine;

import org.omnilisp.lang.Equality;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Pair;

/**
 * {@code (null? x)}, {@code (pair? x)} and {@code (not x)} of a simple operand, the tests of every
 * list loop: one comparison in place instead of a call through the primitive's function object.
 */
final class TypeTest extends InPlaceCall {
  static final int NULL = 0;
  static final int PAIR = 1;
  static final int NOT = 2;

  private final Node arg;
  private final Operand x;
  private final int kind;

  TypeTest(PrimCall general, Node x, int kind) {
    super(general);
    this.arg = x;
    this.x = Operand.ofSimple(x);
    this.kind = kind;
  }

  /** The operand of a {@code (not x)}, for {@link IfFixnum}; null for the other tests. */
  Node notOperand() {
    return kind == NOT ? arg : null;
  }

  Operand operand() {
    return x;
  }

  /** {@link #NULL}, {@link #PAIR} or {@link #NOT}. */
  int kind() {
    return kind;
  }

  @Override
  public Object eval(Machine m, Object[] env) {
    Object v = x.read(m, env);
    if (!builtin()) {
      return general.applyValues(m, v);
    }
    switch (kind) {
      case NULL:
        return v == Nil.NIL;
      case PAIR:
        return v instanceof Pair;
      default:
        return !Equality.isTrue(v);
    }
  }
}
