package org.omnilisp.builtins;

import java.math.BigInteger;
import org.omnilisp.lang.Equality;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Numbers;
import org.omnilisp.lang.Printer;
import org.omnilisp.machine.Fixnum2;
import org.omnilisp.machine.Primitive;

/** Arithmetic, comparison and number predicates. */
final class NumberPrimitives {
  private NumberPrimitives() {}

  @FunctionalInterface
  private interface Comparison {
    boolean holds(int order);
  }

  static void install(Builtins b) {
    b.add(Primitive.ofN("+", 0, -1, NumberPrimitives::sum, Numbers::add).withFixnum2(Fixnum2.ADD));
    b.add(Primitive.ofN("*", 0, -1, NumberPrimitives::product, Numbers::mul));
    b.add(
        Primitive.ofN("-", 1, -1, NumberPrimitives::difference, Numbers::sub)
            .withFixnum2(Fixnum2.SUB));
    b.add(Primitive.ofN("/", 1, -1, NumberPrimitives::quotientAll, Numbers::div));
    b.add(
        Primitive.ofN("=", 1, -1, NumberPrimitives::allEqual, Equality::numericEqual)
            .withFixnum2(Fixnum2.EQUAL));
    compare(b, "<", o -> o < 0, Fixnum2.LESS);
    compare(b, ">", o -> o > 0, Fixnum2.GREATER);
    compare(b, "<=", o -> o <= 0, Fixnum2.LESS_EQ);
    compare(b, ">=", o -> o >= 0, Fixnum2.GREATER_EQ);
    b.def2("quotient", (x, y) -> integerDivision("quotient", x, y, 0));
    b.def2("remainder", (x, y) -> integerDivision("remainder", x, y, 1));
    b.def2("modulo", (x, y) -> integerDivision("modulo", x, y, 2));
    b.def1("abs", x -> Numbers.sign(Args.number("abs", x)) < 0 ? Numbers.negate(x) : x);
    b.defN("min", 1, -1, args -> extreme("min", args, -1));
    b.defN("max", 1, -1, args -> extreme("max", args, 1));
    b.def2("expt", NumberPrimitives::expt);
    b.def1("sqrt", NumberPrimitives::sqrt);
    b.def1("floor", x -> rounding("floor", x, Math::floor));
    b.def1("ceiling", x -> rounding("ceiling", x, Math::ceil));
    b.def1("round", x -> rounding("round", x, Math::rint));
    b.def1("truncate", x -> rounding("truncate", x, d -> d < 0 ? Math.ceil(d) : Math.floor(d)));
    b.def1("number?", x -> Numbers.isNumber(x));
    b.def1("integer?", x -> Numbers.isInteger(x));
    b.def1("float?", x -> x instanceof Double);
    b.def1("zero?", x -> Numbers.sign(Args.number("zero?", x)) == 0);
    b.def1("positive?", x -> Numbers.sign(Args.number("positive?", x)) > 0);
    b.def1("negative?", x -> Numbers.sign(Args.number("negative?", x)) < 0);
    b.def1("even?", x -> !Numbers.big(Args.integer("even?", x)).testBit(0));
    b.def1("odd?", x -> Numbers.big(Args.integer("odd?", x)).testBit(0));
    b.def1("exact->inexact", x -> Numbers.toDouble(Args.number("exact->inexact", x)));
    b.def1("inexact", x -> Numbers.toDouble(Args.number("inexact", x)));
    b.def1("exact", NumberPrimitives::exact);
    b.defN("number->string", 1, 2, NumberPrimitives::numberToString);
    b.defN("string->number", 1, 2, NumberPrimitives::stringToNumber);
  }

  private static Object sum(Object[] args) {
    Object acc = 0L;
    for (Object a : args) {
      acc = Numbers.add(acc, Args.number("+", a));
    }
    return acc;
  }

  private static Object product(Object[] args) {
    Object acc = 1L;
    for (Object a : args) {
      acc = Numbers.mul(acc, Args.number("*", a));
    }
    return acc;
  }

  private static Object difference(Object[] args) {
    if (args.length == 1) {
      return Numbers.negate(args[0]);
    }
    Object acc = Args.number("-", args[0]);
    for (int i = 1; i < args.length; i++) {
      acc = Numbers.sub(acc, Args.number("-", args[i]));
    }
    return acc;
  }

  private static Object quotientAll(Object[] args) {
    if (args.length == 1) {
      return Numbers.div(1L, args[0]);
    }
    Object acc = args[0];
    for (int i = 1; i < args.length; i++) {
      acc = Numbers.div(acc, args[i]);
    }
    return acc;
  }

  /** {@code =}: numeric equality, and {@code equal?} for anything that is not a number. */
  private static Object allEqual(Object[] args) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (!Equality.numericEqual(args[i], args[i + 1])) {
        return false;
      }
    }
    return true;
  }

  private static void compare(Builtins b, String name, Comparison c, int fixnum2) {
    Primitive.Fn2 two =
        (x, y) -> {
          if (x instanceof Long l && y instanceof Long m) {
            return c.holds(Long.compare(l, m));
          }
          return c.holds(Numbers.compare(Args.number(name, x), Args.number(name, y)));
        };
    b.add(
        Primitive.ofN(
                name,
                1,
                -1,
                args -> {
                  for (Object a : args) {
                    Args.number(name, a);
                  }
                  for (int i = 0; i + 1 < args.length; i++) {
                    if (!c.holds(Numbers.compare(args[i], args[i + 1]))) {
                      return false;
                    }
                  }
                  return true;
                },
                two)
            .withFixnum2(fixnum2));
  }

  /** kind 0: quotient (truncates), 1: remainder (sign of x), 2: modulo (sign of y). */
  private static Object integerDivision(String op, Object x, Object y, int kind) {
    if (x instanceof Double || y instanceof Double) {
      double a = Numbers.toDouble(Args.number(op, x));
      double d = Numbers.toDouble(Args.number(op, y));
      if (d == 0) {
        throw Errors.error(op + ": division by zero");
      }
      double q = a / d;
      q = q < 0 ? Math.ceil(q) : Math.floor(q);
      double r = a - q * d;
      return kind == 0 ? q : kind == 1 ? r : (r != 0 && (r < 0) != (d < 0) ? r + d : r);
    }
    BigInteger a = Numbers.big(Args.integer(op, x));
    BigInteger d = Numbers.big(Args.integer(op, y));
    if (d.signum() == 0) {
      throw Errors.error(op + ": division by zero");
    }
    BigInteger[] qr = a.divideAndRemainder(d);
    BigInteger r = qr[1];
    if (kind == 2 && r.signum() != 0 && r.signum() != d.signum()) {
      r = r.add(d);
    }
    return Numbers.normalize(kind == 0 ? qr[0] : r);
  }

  private static Object extreme(String op, Object[] args, int direction) {
    Object best = Args.number(op, args[0]);
    boolean inexact = best instanceof Double;
    for (int i = 1; i < args.length; i++) {
      Object x = Args.number(op, args[i]);
      inexact |= x instanceof Double;
      if (Numbers.compare(x, best) * direction > 0) {
        best = x;
      }
    }
    return inexact ? Numbers.toDouble(best) : best;
  }

  private static Object expt(Object base, Object power) {
    Args.number("expt", base);
    Args.number("expt", power);
    if (Numbers.isInteger(base) && power instanceof Long p && p >= 0) {
      if (p > Integer.MAX_VALUE) {
        throw Errors.error("expt: exponent too large: " + p);
      }
      return Numbers.normalize(Numbers.big(base).pow((int) (long) p));
    }
    return Math.pow(Numbers.toDouble(base), Numbers.toDouble(power));
  }

  private static Object sqrt(Object x) {
    Args.number("sqrt", x);
    if (Numbers.isInteger(x) && Numbers.sign(x) >= 0) {
      BigInteger n = Numbers.big(x);
      BigInteger r = n.sqrt();
      if (r.multiply(r).equals(n)) {
        return Numbers.normalize(r);
      }
    }
    return Math.sqrt(Numbers.toDouble(x));
  }

  private static Object rounding(String op, Object x, java.util.function.DoubleUnaryOperator f) {
    Args.number(op, x);
    return x instanceof Double d ? f.applyAsDouble(d) : x;
  }

  private static Object exact(Object x) {
    Args.number("exact", x);
    if (x instanceof Double d) {
      if (d != Math.rint(d) || Double.isInfinite(d)) {
        throw Errors.wrongType("exact", "a float with an integer value", x);
      }
      return Numbers.normalize(new java.math.BigDecimal(d).toBigInteger());
    }
    return x;
  }

  private static Object numberToString(Object[] args) {
    Object n = Args.number("number->string", args[0]);
    int radix = args.length > 1 ? Args.index("number->string", args[1]) : 10;
    if (radix != 10 && n instanceof Double) {
      throw Errors.error("number->string: a float can only be written in radix 10");
    }
    return radix == 10 && n instanceof Double d
        ? Printer.formatDouble(d)
        : Numbers.toString(n, radix);
  }

  private static Object stringToNumber(Object[] args) {
    String s = Args.string("string->number", args[0]).trim();
    if (args.length > 1) {
      int radix = Args.index("string->number", args[1]);
      try {
        return Numbers.normalize(new BigInteger(s, radix));
      } catch (NumberFormatException e) {
        return false;
      }
    }
    Object n = Numbers.parse(s);
    return n == null ? Boolean.FALSE : n;
  }
}
