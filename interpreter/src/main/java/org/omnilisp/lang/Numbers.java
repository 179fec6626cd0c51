package org.omnilisp.lang;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The numeric tower of R7RS without complex numbers (LANGUAGE.md §10). Exact numbers are integers —
 * {@link Long} while they fit, {@link BigInteger} beyond — and {@link Ratio}s; every exact result
 * is normalised (a ratio with denominator 1 is an integer, a BigInteger that fits is a Long).
 * Inexact numbers are doubles; mixing exact and inexact in arithmetic gives a double, but
 * comparisons between them are exact (the double is converted to the rational it denotes), so
 * {@code =} and {@code <} are transitive across the tower.
 */
public final class Numbers {
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final long EXACT_IN_DOUBLE = 1L << 53;

  /** What {@link #compare} answers when a NaN makes two numbers unordered. */
  public static final int UNORDERED = Integer.MIN_VALUE;

  private Numbers() {}

  public static boolean isNumber(Object x) {
    return x instanceof Long
        || x instanceof Double
        || x instanceof BigInteger
        || x instanceof Ratio;
  }

  public static boolean isExact(Object x) {
    return x instanceof Long || x instanceof BigInteger || x instanceof Ratio;
  }

  /** An exact integer. */
  public static boolean isInteger(Object x) {
    return x instanceof Long || x instanceof BigInteger;
  }

  /** R7RS {@code integer?}: an exact integer, or a double with an integral value. */
  public static boolean isIntegerValued(Object x) {
    return isInteger(x) || x instanceof Double d && !Double.isInfinite(d) && d == Math.rint(d);
  }

  public static Object normalize(BigInteger b) {
    if (b.bitLength() < 64) {
      return b.longValue();
    }
    return b;
  }

  public static BigInteger big(Object x) {
    return x instanceof BigInteger b ? b : BigInteger.valueOf((Long) x);
  }

  public static double toDouble(Object x) {
    return ((Number) x).doubleValue();
  }

  /** The exact rational a finite double denotes. */
  public static Object toExact(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 0x1p62) {
      return (long) d;
    }
    BigDecimal b = new BigDecimal(d);
    if (b.scale() <= 0) {
      return normalize(b.toBigIntegerExact());
    }
    return Ratio.of(b.unscaledValue(), BigInteger.TEN.pow(b.scale()));
  }

  static Object check(String op, Object x) {
    if (!isNumber(x)) {
      throw Errors.wrongType(op, "a number", x);
    }
    return x;
  }

  public static Object add(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      long r = x + y;
      if (((x ^ r) & (y ^ r)) < 0) {
        return BigInteger.valueOf(x).add(BigInteger.valueOf(y));
      }
      return r;
    }
    check("+", a);
    check("+", b);
    if (a instanceof Double || b instanceof Double) {
      return toDouble(a) + toDouble(b);
    }
    if (a instanceof Ratio || b instanceof Ratio) {
      BigInteger ad = Ratio.denOf(a);
      BigInteger bd = Ratio.denOf(b);
      return Ratio.of(
          Ratio.numOf(a).multiply(bd).add(Ratio.numOf(b).multiply(ad)), ad.multiply(bd));
    }
    return normalize(big(a).add(big(b)));
  }

  public static Object sub(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      long r = x - y;
      if (((x ^ y) & (x ^ r)) < 0) {
        return BigInteger.valueOf(x).subtract(BigInteger.valueOf(y));
      }
      return r;
    }
    check("-", a);
    check("-", b);
    if (a instanceof Double || b instanceof Double) {
      return toDouble(a) - toDouble(b);
    }
    if (a instanceof Ratio || b instanceof Ratio) {
      BigInteger ad = Ratio.denOf(a);
      BigInteger bd = Ratio.denOf(b);
      return Ratio.of(
          Ratio.numOf(a).multiply(bd).subtract(Ratio.numOf(b).multiply(ad)), ad.multiply(bd));
    }
    return normalize(big(a).subtract(big(b)));
  }

  public static Object mul(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      long hi = Math.multiplyHigh(x, y);
      long lo = x * y;
      if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
        return lo;
      }
      return BigInteger.valueOf(x).multiply(BigInteger.valueOf(y));
    }
    check("*", a);
    check("*", b);
    if (a instanceof Double || b instanceof Double) {
      return toDouble(a) * toDouble(b);
    }
    if (a instanceof Ratio || b instanceof Ratio) {
      return Ratio.of(
          Ratio.numOf(a).multiply(Ratio.numOf(b)), Ratio.denOf(a).multiply(Ratio.denOf(b)));
    }
    return normalize(big(a).multiply(big(b)));
  }

  /** Division: exact operands give an exact result (a ratio when it does not divide). */
  public static Object div(Object a, Object b) {
    check("/", a);
    check("/", b);
    if (isExact(b) && sign(b) == 0) {
      throw Errors.error("/: division by zero");
    }
    if (a instanceof Double || b instanceof Double) {
      return toDouble(a) / toDouble(b);
    }
    if (a instanceof Long x && b instanceof Long y && y != -1 && x % y == 0) {
      return x / y;
    }
    return Ratio.of(
        Ratio.numOf(a).multiply(Ratio.denOf(b)), Ratio.denOf(a).multiply(Ratio.numOf(b)));
  }

  public static Object negate(Object a) {
    return sub(0L, check("-", a));
  }

  /**
   * The order of two numbers: negative, zero or positive, or {@link #UNORDERED} when one is a NaN.
   * Exact: a double is compared with an exact number as the rational it denotes.
   */
  public static int compare(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    if (a instanceof Double x && b instanceof Double y) {
      return x.isNaN() || y.isNaN() ? UNORDERED : x < y ? -1 : x > y ? 1 : 0;
    }
    if (a instanceof Double x) {
      int c = compareWithExact(x, b);
      return c == UNORDERED ? c : -c;
    }
    if (b instanceof Double y) {
      return compareWithExact(y, a);
    }
    if (a instanceof Ratio || b instanceof Ratio) {
      return Ratio.numOf(a)
          .multiply(Ratio.denOf(b))
          .compareTo(Ratio.numOf(b).multiply(Ratio.denOf(a)));
    }
    return big(a).compareTo(big(b));
  }

  /** The order of exact {@code e} relative to double {@code d}. */
  private static int compareWithExact(double d, Object e) {
    if (Double.isNaN(d)) {
      return UNORDERED;
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? -1 : 1;
    }
    if (e instanceof Long x && x > -EXACT_IN_DOUBLE && x < EXACT_IN_DOUBLE) {
      double y = x;
      return y < d ? -1 : y > d ? 1 : 0;
    }
    return compare(e, toExact(d));
  }

  public static int sign(Object a) {
    if (a instanceof Long x) {
      return Long.signum(x);
    }
    if (a instanceof Double d) {
      return d > 0 ? 1 : d < 0 ? -1 : 0;
    }
    if (a instanceof Ratio r) {
      return r.signum();
    }
    return ((BigInteger) a).signum();
  }

  /** {@code number->string}: exact numbers in any radix 2..36, doubles in radix 10. */
  public static String toString(Object n, int radix) {
    if (n instanceof Double d) {
      return Printer.formatDouble(d);
    }
    if (n instanceof Ratio r) {
      return r.toString(radix);
    }
    return big(n).toString(radix);
  }

  /** Parses number syntax (R7RS, plus OmniLisp's 0x / 0b); returns null when it is not one. */
  public static Object parse(String text) {
    return NumberSyntax.parse(text, 10);
  }

  /** Like {@link #parse}, with the radix used when the text has no radix prefix. */
  public static Object parse(String text, int radix) {
    return NumberSyntax.parse(text, radix);
  }
}
