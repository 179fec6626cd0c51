package org.omnilisp.builtins;

import java.math.BigInteger;
import java.util.function.DoubleUnaryOperator;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Numbers;
import org.omnilisp.lang.Ratio;

/**
 * R7RS 6.2.6 on real numbers: rounding ({@code floor ceiling truncate round}, round to even),
 * {@code numerator denominator rationalize}, {@code square sqrt expt} (exact when the operands are
 * exact and the result is representable), and the transcendental functions of {@code (scheme
 * inexact)}. Without complex numbers, an operation whose result would be complex ({@code (sqrt
 * -4)}, {@code (log -1)}, {@code (asin 2)}) is an error that names it.
 */
final class RealFunctions {
  private static final int FLOOR = 0;
  private static final int CEILING = 1;
  private static final int TRUNCATE = 2;
  private static final int ROUND = 3;

  private RealFunctions() {}

  static void install(Builtins b) {
    b.def1("floor", x -> round("floor", x, FLOOR));
    b.def1("ceiling", x -> round("ceiling", x, CEILING));
    b.def1("truncate", x -> round("truncate", x, TRUNCATE));
    b.def1("round", x -> round("round", x, ROUND));
    b.def1("numerator", x -> part("numerator", x, true));
    b.def1("denominator", x -> part("denominator", x, false));
    b.def2("rationalize", RealFunctions::rationalize);
    b.def1("square", x -> Numbers.mul(Args.number("square", x), x));
    b.def1("sqrt", RealFunctions::sqrt);
    b.def2("expt", RealFunctions::expt);
    b.def1("exp", x -> Math.exp(real("exp", x)));
    b.defN("log", 1, 2, RealFunctions::log);
    b.def1("sin", x -> Math.sin(real("sin", x)));
    b.def1("cos", x -> Math.cos(real("cos", x)));
    b.def1("tan", x -> Math.tan(real("tan", x)));
    b.def1("asin", x -> unit("asin", x, Math::asin));
    b.def1("acos", x -> unit("acos", x, Math::acos));
    b.defN("atan", 1, 2, RealFunctions::atan);
  }

  private static double real(String op, Object x) {
    return Numbers.toDouble(Args.number(op, x));
  }

  private static Object round(String op, Object x, int mode) {
    Args.number(op, x);
    if (x instanceof Double d) {
      return switch (mode) {
        case FLOOR -> Math.floor(d);
        case CEILING -> Math.ceil(d);
        case TRUNCATE -> d < 0 ? Math.ceil(d) : Math.floor(d);
        default -> Math.rint(d);
      };
    }
    if (!(x instanceof Ratio r)) {
      return x;
    }
    BigInteger[] qr = r.num.divideAndRemainder(r.den);
    BigInteger q = qr[0];
    BigInteger floor = r.signum() < 0 ? q.subtract(BigInteger.ONE) : q;
    BigInteger result =
        switch (mode) {
          case FLOOR -> floor;
          case CEILING -> floor.add(BigInteger.ONE);
          case TRUNCATE -> q;
          default -> roundHalfEven(floor, r);
        };
    return Numbers.normalize(result);
  }

  /** The integer nearest r, the even one on a tie; {@code floor} is floor(r). */
  private static BigInteger roundHalfEven(BigInteger floor, Ratio r) {
    BigInteger twiceFraction = r.num.subtract(floor.multiply(r.den)).shiftLeft(1);
    int c = twiceFraction.compareTo(r.den);
    if (c < 0 || c == 0 && !floor.testBit(0)) {
      return floor;
    }
    return floor.add(BigInteger.ONE);
  }

  private static Object part(String op, Object x, boolean numerator) {
    Args.number(op, x);
    if (x instanceof Double d) {
      if (!Double.isFinite(d)) {
        throw Errors.wrongType(op, "a rational number", x);
      }
      Object exact = Numbers.toExact(d);
      return (numerator ? Ratio.numOf(exact) : Ratio.denOf(exact)).doubleValue();
    }
    return Numbers.normalize(numerator ? Ratio.numOf(x) : Ratio.denOf(x));
  }

  /** The simplest rational within y of x (R7RS 6.2.6); inexact when either operand is. */
  private static Object rationalize(Object x, Object y) {
    Args.number("rationalize", x);
    Args.number("rationalize", y);
    boolean inexact = x instanceof Double || y instanceof Double;
    if (inexact) {
      double a = Numbers.toDouble(x);
      double b = Math.abs(Numbers.toDouble(y));
      if (Double.isNaN(a) || Double.isNaN(b)) {
        return Double.NaN;
      }
      if (Double.isInfinite(b)) {
        return Double.isInfinite(a) ? Double.NaN : 0.0;
      }
      if (Double.isInfinite(a)) {
        return a;
      }
    }
    Object ex = inexact ? Numbers.toExact(Numbers.toDouble(x)) : x;
    Object ey = inexact ? Numbers.toExact(Math.abs(Numbers.toDouble(y))) : y;
    if (Numbers.sign(ey) < 0) {
      ey = Numbers.negate(ey);
    }
    Object r = simplestBetween(Numbers.sub(ex, ey), Numbers.add(ex, ey));
    return inexact ? (Object) Numbers.toDouble(r) : r;
  }

  private static Object simplestBetween(Object lo, Object hi) {
    if (Numbers.sign(lo) > 0) {
      return simplestPositive(lo, hi);
    }
    if (Numbers.sign(hi) < 0) {
      return Numbers.negate(simplestPositive(Numbers.negate(hi), Numbers.negate(lo)));
    }
    return 0L;
  }

  /** The simplest rational in [lo, hi], 0 < lo <= hi, by continued fractions. */
  private static Object simplestPositive(Object lo, Object hi) {
    Object fl = round("floor", lo, FLOOR);
    if (Numbers.compare(fl, lo) == 0) {
      return fl;
    }
    if (Numbers.compare(fl, round("floor", hi, FLOOR)) < 0) {
      return Numbers.add(fl, 1L);
    }
    Object rest =
        simplestPositive(
            Numbers.div(1L, Numbers.sub(hi, fl)), Numbers.div(1L, Numbers.sub(lo, fl)));
    return Numbers.add(fl, Numbers.div(1L, rest));
  }

  private static Object sqrt(Object x) {
    Args.number("sqrt", x);
    if (Numbers.sign(x) < 0) {
      throw Errors.wrongType("sqrt", "a non-negative number (no complex numbers)", x);
    }
    if (Numbers.isExact(x)) {
      BigInteger n = Ratio.numOf(x);
      BigInteger d = Ratio.denOf(x);
      BigInteger rn = n.sqrt();
      BigInteger rd = d.sqrt();
      if (rn.multiply(rn).equals(n) && rd.multiply(rd).equals(d)) {
        return Ratio.of(rn, rd);
      }
    }
    return Math.sqrt(Numbers.toDouble(x));
  }

  private static Object expt(Object base, Object power) {
    Args.number("expt", base);
    Args.number("expt", power);
    if (Numbers.isExact(base) && Numbers.isInteger(power)) {
      return exactPower(base, power);
    }
    double b = Numbers.toDouble(base);
    double p = Numbers.toDouble(power);
    if (b < 0 && p != Math.rint(p) && Double.isFinite(p)) {
      throw Errors.error(
          "expt: a negative base with a non-integer exponent has no real result, got "
              + Errors.describe(base)
              + " and "
              + Errors.describe(power));
    }
    return Math.pow(b, p);
  }

  private static Object exactPower(Object base, Object power) {
    BigInteger n = Ratio.numOf(base);
    BigInteger d = Ratio.denOf(base);
    BigInteger p = Numbers.big(power);
    if (p.signum() < 0) {
      if (n.signum() == 0) {
        throw Errors.error("expt: division by zero");
      }
      BigInteger t = n;
      n = d;
      d = t;
      p = p.negate();
    }
    if (p.signum() == 0) {
      return 1L;
    }
    if (n.signum() == 0) {
      return 0L;
    }
    if (d.equals(BigInteger.ONE) && n.abs().equals(BigInteger.ONE)) {
      return p.testBit(0) ? Numbers.normalize(n) : (Object) 1L;
    }
    if (p.bitLength() > 31) {
      throw Errors.error("expt: exponent too large: " + p);
    }
    int e = p.intValue();
    return Ratio.of(n.pow(e), d.pow(e));
  }

  private static Object log(Object[] args) {
    double x = real("log", args[0]);
    if (x < 0) {
      throw Errors.wrongType("log", "a non-negative number (no complex numbers)", args[0]);
    }
    if (args.length == 1) {
      return Math.log(x);
    }
    double base = real("log", args[1]);
    if (base < 0) {
      throw Errors.wrongType("log", "a non-negative base (no complex numbers)", args[1]);
    }
    return Math.log(x) / Math.log(base);
  }

  private static Object unit(String op, Object x, DoubleUnaryOperator f) {
    double d = real(op, x);
    if (d < -1 || d > 1) {
      throw Errors.wrongType(op, "a number in [-1, 1] (no complex numbers)", x);
    }
    return f.applyAsDouble(d);
  }

  private static Object atan(Object[] args) {
    if (args.length == 1) {
      return Math.atan(real("atan", args[0]));
    }
    return Math.atan2(real("atan", args[0]), real("atan", args[1]));
  }
}
