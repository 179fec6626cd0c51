package org.omnilisp.machine;

/**
 * Operations on two fixnums (Java {@code long}s) that a primitive call computes in place, without
 * calling the primitive through its function object: the arithmetic and comparisons of every loop.
 * A primitive declares its operation with {@link Primitive#withFixnum2}; the results must be the
 * ones the primitive itself gives.
 */
public final class Fixnum2 {
  public static final int NONE = 0;
  public static final int ADD = 1;
  public static final int SUB = 2;
  public static final int LESS = 3;
  public static final int GREATER = 4;
  public static final int LESS_EQ = 5;
  public static final int GREATER_EQ = 6;
  public static final int EQUAL = 7;
  public static final int MUL = 8;

  private Fixnum2() {}

  /** {@code x * y}, or null if the product overflows a fixnum. */
  static Object mul(long x, long y) {
    long hi = Math.multiplyHigh(x, y);
    long lo = x * y;
    return (hi == 0 && lo >= 0) || (hi == -1 && lo < 0) ? (Object) lo : null;
  }

  /** {@code op} on {@code x} and {@code y}, or null if the result overflows a fixnum. */
  static Object apply(int op, long x, long y) {
    switch (op) {
      case ADD:
        long sum = x + y;
        return ((x ^ sum) & (y ^ sum)) < 0 ? null : (Object) sum;
      case SUB:
        long difference = x - y;
        return ((x ^ y) & (x ^ difference)) < 0 ? null : (Object) difference;
      case LESS:
        return x < y;
      case GREATER:
        return x > y;
      case LESS_EQ:
        return x <= y;
      case GREATER_EQ:
        return x >= y;
      case EQUAL:
        return x == y;
      case MUL:
        return mul(x, y);
      default:
        return null;
    }
  }
}
