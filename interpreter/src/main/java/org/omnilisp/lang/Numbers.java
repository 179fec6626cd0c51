package org.omnilisp.lang;

import java.math.BigInteger;

/**
 * Integer and float arithmetic. Integers are exact and unbounded: {@link Long} while they fit,
 * {@link BigInteger} beyond; every result is normalised back to a Long when it fits. Floats are
 * doubles; mixing an integer with a float gives a float.
 */
public final class Numbers {
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private Numbers() {}

  public static boolean isNumber(Object x) {
    return x instanceof Long || x instanceof Double || x instanceof BigInteger;
  }

  public static boolean isInteger(Object x) {
    return x instanceof Long || x instanceof BigInteger;
  }

  public static Object normalize(BigInteger b) {
    if (b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0) {
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
    return normalize(big(a).multiply(big(b)));
  }

  /** Integer division that is exact stays an integer; otherwise the result is a float. */
  public static Object div(Object a, Object b) {
    check("/", a);
    check("/", b);
    if (isInteger(a) && isInteger(b)) {
      BigInteger y = big(b);
      if (y.signum() == 0) {
        throw Errors.error("/: division by zero");
      }
      BigInteger[] qr = big(a).divideAndRemainder(y);
      if (qr[1].signum() == 0) {
        return normalize(qr[0]);
      }
    }
    return toDouble(a) / toDouble(b);
  }

  public static Object negate(Object a) {
    return sub(0L, check("-", a));
  }

  public static int compare(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    if (a instanceof Double || b instanceof Double) {
      return Double.compare(toDouble(a), toDouble(b));
    }
    return big(a).compareTo(big(b));
  }

  public static int sign(Object a) {
    if (a instanceof Long x) {
      return Long.signum(x);
    }
    if (a instanceof Double d) {
      return d > 0 ? 1 : d < 0 ? -1 : 0;
    }
    return ((BigInteger) a).signum();
  }

  public static String toString(Object n, int radix) {
    if (n instanceof Double d) {
      return Printer.formatDouble(d);
    }
    return big(n).toString(radix);
  }

  /** Parses integer and float syntax (with 0x / 0b prefixes); returns null when it is not one. */
  public static Object parse(String text) {
    String s = text;
    boolean negative = false;
    if (s.startsWith("-") || s.startsWith("+")) {
      negative = s.startsWith("-");
      s = s.substring(1);
    }
    if (s.isEmpty()) {
      return null;
    }
    int radix = 10;
    if (s.length() > 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')) {
      radix = 16;
      s = s.substring(2);
    } else if (s.length() > 2 && s.charAt(0) == '0' && (s.charAt(1) == 'b' || s.charAt(1) == 'B')) {
      radix = 2;
      s = s.substring(2);
    }
    if (isDigits(s, radix)) {
      BigInteger v = new BigInteger(s, radix);
      return normalize(negative ? v.negate() : v);
    }
    if (radix == 10 && looksLikeFloat(s)) {
      try {
        double d = Double.parseDouble(s);
        return negative ? -d : d;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static boolean isDigits(String s, int radix) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), radix) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean looksLikeFloat(String s) {
    boolean digit = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isDigit(c)) {
        digit = true;
      } else if (c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') {
        return false;
      }
    }
    return digit && Character.isDigit(s.charAt(s.length() - 1)) || s.endsWith(".") && digit;
  }
}
