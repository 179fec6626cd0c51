package org.omnilisp.builtins;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.MultipleValues;
import org.omnilisp.lang.Numbers;

/**
 * Integer division of R7RS 6.2.6: {@code floor/} and {@code truncate/} (two values) with their
 * quotient and remainder halves, the older {@code quotient remainder modulo}, {@code gcd lcm} and
 * {@code exact-integer-sqrt}. Operands are integers, exact or inexact ({@code 7.0}); the result is
 * inexact when an operand is.
 */
final class IntegerDivision {
  private static final int QUOTIENT = 0;
  private static final int REMAINDER = 1;
  private static final int BOTH = 2;

  private IntegerDivision() {}

  static void install(Builtins b) {
    b.def2("quotient", (x, y) -> divide("quotient", x, y, false, QUOTIENT));
    b.def2("remainder", (x, y) -> divide("remainder", x, y, false, REMAINDER));
    b.def2("modulo", (x, y) -> divide("modulo", x, y, true, REMAINDER));
    b.def2("truncate-quotient", (x, y) -> divide("truncate-quotient", x, y, false, QUOTIENT));
    b.def2("truncate-remainder", (x, y) -> divide("truncate-remainder", x, y, false, REMAINDER));
    b.def2("truncate/", (x, y) -> divide("truncate/", x, y, false, BOTH));
    b.def2("floor-quotient", (x, y) -> divide("floor-quotient", x, y, true, QUOTIENT));
    b.def2("floor-remainder", (x, y) -> divide("floor-remainder", x, y, true, REMAINDER));
    b.def2("floor/", (x, y) -> divide("floor/", x, y, true, BOTH));
    b.defN("gcd", 0, -1, args -> fold("gcd", args, false));
    b.defN("lcm", 0, -1, args -> fold("lcm", args, true));
    b.def1("exact-integer-sqrt", IntegerDivision::exactIntegerSqrt);
  }

  /** An integer argument, exact or an integral double, as a BigInteger. */
  static BigInteger integer(String op, Object x) {
    if (x instanceof Long l) {
      return BigInteger.valueOf(l);
    }
    if (x instanceof BigInteger b) {
      return b;
    }
    if (x instanceof Double d && Numbers.isIntegerValued(d)) {
      return new BigDecimal(d).toBigIntegerExact();
    }
    throw Errors.wrongType(op, "an integer", x);
  }

  private static Object result(BigInteger n, boolean inexact) {
    return inexact ? (Object) n.doubleValue() : Numbers.normalize(n);
  }

  private static Object divide(String op, Object x, Object y, boolean floor, int which) {
    if (x instanceof Long a && y instanceof Long d && d != 0 && d != -1) {
      long q = floor ? Math.floorDiv(a, d) : a / d;
      long r = floor ? Math.floorMod(a, d) : a % d;
      return which == QUOTIENT ? (Object) q : which == REMAINDER ? r : MultipleValues.of(q, r);
    }
    BigInteger a = integer(op, x);
    BigInteger d = integer(op, y);
    boolean inexact = x instanceof Double || y instanceof Double;
    if (d.signum() == 0) {
      throw Errors.error(op + ": division by zero");
    }
    BigInteger[] qr = a.divideAndRemainder(d);
    if (floor && qr[1].signum() != 0 && qr[1].signum() != d.signum()) {
      qr[0] = qr[0].subtract(BigInteger.ONE);
      qr[1] = qr[1].add(d);
    }
    Object q = result(qr[0], inexact);
    Object r = result(qr[1], inexact);
    return which == QUOTIENT ? q : which == REMAINDER ? r : MultipleValues.of(q, r);
  }

  private static Object fold(String op, Object[] args, boolean lcm) {
    BigInteger acc = lcm ? BigInteger.ONE : BigInteger.ZERO;
    boolean inexact = false;
    for (Object a : args) {
      BigInteger n = integer(op, a).abs();
      inexact |= a instanceof Double;
      if (!lcm) {
        acc = acc.gcd(n);
      } else if (n.signum() == 0 || acc.signum() == 0) {
        acc = BigInteger.ZERO;
      } else {
        acc = acc.divide(acc.gcd(n)).multiply(n);
      }
    }
    return result(acc, inexact);
  }

  private static Object exactIntegerSqrt(Object x) {
    if (!Numbers.isInteger(x) || Numbers.sign(x) < 0) {
      throw Errors.wrongType("exact-integer-sqrt", "an exact non-negative integer", x);
    }
    BigInteger n = Numbers.big(x);
    BigInteger s = n.sqrt();
    return MultipleValues.of(Numbers.normalize(s), Numbers.normalize(n.subtract(s.multiply(s))));
  }
}
