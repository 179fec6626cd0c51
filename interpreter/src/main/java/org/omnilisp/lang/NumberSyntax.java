package org.omnilisp.lang;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The number syntax of R7RS 7.1.1 without complex numbers: an optional radix prefix ({@code #x #o
 * #b #d}) and exactness prefix ({@code #e #i}) in either order, then a sign and an integer, a ratio
 * {@code n/d}, a decimal with optional exponent (radix 10 only), or {@code +inf.0 -inf.0 +nan.0
 * -nan.0}. OmniLisp's {@code 0xFF} and {@code 0b1010} stay beside {@code #x}.
 */
final class NumberSyntax {
  private NumberSyntax() {}

  static Object parse(String text, int defaultRadix) {
    int radix = 0;
    char exactness = 0;
    int i = 0;
    while (i + 1 < text.length() && text.charAt(i) == '#') {
      char p = Character.toLowerCase(text.charAt(i + 1));
      int r = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : p == 'd' ? 10 : 0;
      if (r != 0 && radix == 0) {
        radix = r;
      } else if ((p == 'e' || p == 'i') && exactness == 0) {
        exactness = p;
      } else {
        return null;
      }
      i += 2;
    }
    boolean prefixed = i > 0;
    String s = text.substring(i);
    if (radix == 0) {
      radix = defaultRadix;
    }
    Object n = real(s, radix, !prefixed && defaultRadix == 10);
    if (n == null || exactness == 0) {
      return n;
    }
    if (exactness == 'i') {
      return Numbers.toDouble(n);
    }
    if (n instanceof Double d) {
      return radix == 10 && !Double.isNaN(d) && !isInfOrNan(s) ? exactDecimal(s) : null;
    }
    return n;
  }

  private static Object real(String s, int radix, boolean omniPrefixes) {
    if (s.isEmpty()) {
      return null;
    }
    char first = s.charAt(0);
    boolean negative = first == '-';
    String body = first == '-' || first == '+' ? s.substring(1) : s;
    if (body.length() < s.length()) {
      String lower = body.toLowerCase();
      if (lower.equals("inf.0")) {
        return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      if (lower.equals("nan.0")) {
        return Double.NaN;
      }
    }
    if (omniPrefixes && body.length() > 2 && body.charAt(0) == '0') {
      char p = Character.toLowerCase(body.charAt(1));
      if (p == 'x' || p == 'b') {
        Object n = integer(body.substring(2), p == 'x' ? 16 : 2);
        return n == null ? null : signed(n, negative);
      }
    }
    int slash = body.indexOf('/');
    Object n;
    if (slash >= 0) {
      BigInteger num = digits(body.substring(0, slash), radix);
      BigInteger den = digits(body.substring(slash + 1), radix);
      if (num == null || den == null || den.signum() == 0) {
        return null;
      }
      n = Ratio.of(num, den);
    } else {
      n = integer(body, radix);
      if (n == null && radix == 10) {
        n = decimal(body);
      }
    }
    return n == null ? null : signed(n, negative);
  }

  private static Object signed(Object n, boolean negative) {
    if (!negative) {
      return n;
    }
    return n instanceof Double d ? -d : Numbers.negate(n);
  }

  private static Object integer(String s, int radix) {
    BigInteger b = digits(s, radix);
    return b == null ? null : Numbers.normalize(b);
  }

  private static BigInteger digits(String s, int radix) {
    if (s.isEmpty()) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), radix) < 0 || s.charAt(i) > 'z') {
        return null;
      }
    }
    if (s.length() <= 18 && radix == 10) {
      return BigInteger.valueOf(Long.parseLong(s));
    }
    return new BigInteger(s, radix);
  }

  /** digits [. digits] [e [sign] digits], with at least one mantissa digit; an inexact double. */
  private static Object decimal(String s) {
    int i = 0;
    int n = s.length();
    int mantissa = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      mantissa++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        mantissa++;
      }
    }
    if (mantissa == 0) {
      return null;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exponent = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        exponent++;
      }
      if (exponent == 0) {
        return null;
      }
    }
    if (i != n) {
      return null;
    }
    return Double.parseDouble(s);
  }

  /** The exact value of decimal syntax, for {@code #e1.5} (1.5 read exactly, not via a double). */
  private static Object exactDecimal(String s) {
    try {
      BigDecimal b = new BigDecimal(s);
      if (b.scale() <= 0) {
        return Numbers.normalize(b.toBigIntegerExact());
      }
      return Ratio.of(b.unscaledValue(), BigInteger.TEN.pow(b.scale()));
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  private static boolean isInfOrNan(String s) {
    String lower = s.toLowerCase();
    return lower.endsWith("inf.0") || lower.endsWith("nan.0");
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
