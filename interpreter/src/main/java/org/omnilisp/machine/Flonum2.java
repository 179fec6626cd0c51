package org.omnilisp.machine;

/**
 * The {@link Fixnum2} operations when a float is involved, computed in place on two {@code double}s
 * (mbrot's loop): no call through the primitive's function object and no chain of type tests in
 * {@link org.omnilisp.lang.Numbers}. Arithmetic takes a float and a fixnum too (the fixnum becomes
 * a float, as the primitives do); a comparison only two floats (comparing a float with an exact
 * number is exact in the primitives, so it stays with them). The results are the primitives' own.
 */
final class Flonum2 {
  private Flonum2() {}

  /** {@code op} on {@code a} and {@code b}, or null if this is not a float case of it. */
  static Object apply(int op, Object a, Object b) {
    double x;
    double y;
    if (a instanceof Double p && b instanceof Double q) {
      x = p;
      y = q;
    } else if (op == Fixnum2.ADD || op == Fixnum2.SUB || op == Fixnum2.MUL) {
      if (a instanceof Double p && b instanceof Long q) {
        x = p;
        y = q;
      } else if (a instanceof Long p && b instanceof Double q) {
        x = p;
        y = q;
      } else {
        return null;
      }
    } else {
      return null;
    }
    switch (op) {
      case Fixnum2.ADD:
        return x + y;
      case Fixnum2.SUB:
        return x - y;
      case Fixnum2.MUL:
        return x * y;
      case Fixnum2.LESS:
        return x < y;
      case Fixnum2.GREATER:
        return x > y;
      case Fixnum2.LESS_EQ:
        return x <= y;
      case Fixnum2.GREATER_EQ:
        return x >= y;
      case Fixnum2.EQUAL:
        return x == y;
      default:
        return null;
    }
  }
}
