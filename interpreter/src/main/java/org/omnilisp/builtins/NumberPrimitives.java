package org.omnilisp.builtins;

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
    b.add(
        Primitive.ofN("*", 0, -1, NumberPrimitives::product, Numbers::mul)
            .withFixnum2(Fixnum2.MUL));
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
    b.def1("abs", x -> Numbers.sign(Args.number("abs", x)) < 0 ? Numbers.negate(x) : x);
    b.defN("min", 1, -1, args -> extreme("min", args, -1));
    b.defN("max", 1, -1, args -> extreme("max", args, 1));
    b.def1("number?", Numbers::isNumber);
    b.def1("complex?", Numbers::isNumber);
    b.def1("real?", Numbers::isNumber);
    b.def1("rational?", x -> Numbers.isExact(x) || x instanceof Double d && Double.isFinite(d));
    b.def1("integer?", Numbers::isIntegerValued);
    b.def1("exact?", x -> Numbers.isExact(Args.number("exact?", x)));
    b.def1("inexact?", x -> Args.number("inexact?", x) instanceof Double);
    b.def1("exact-integer?", Numbers::isInteger);
    b.def1("float?", x -> x instanceof Double);
    b.def1("nan?", x -> Args.number("nan?", x) instanceof Double d && d.isNaN());
    b.def1("infinite?", x -> Args.number("infinite?", x) instanceof Double d && d.isInfinite());
    b.def1("finite?", x -> !(Args.number("finite?", x) instanceof Double d) || Double.isFinite(d));
    b.def1(
        "zero?", x -> Args.number("zero?", x) instanceof Double d ? d == 0 : Numbers.sign(x) == 0);
    b.def1("positive?", x -> Numbers.sign(Args.number("positive?", x)) > 0);
    b.def1("negative?", x -> Numbers.sign(Args.number("negative?", x)) < 0);
    b.def1("even?", x -> !IntegerDivision.integer("even?", x).testBit(0));
    b.def1("odd?", x -> IntegerDivision.integer("odd?", x).testBit(0));
    b.def1("exact->inexact", x -> Numbers.toDouble(Args.number("exact->inexact", x)));
    b.def1("inexact", x -> Numbers.toDouble(Args.number("inexact", x)));
    b.def1("inexact->exact", x -> exact("inexact->exact", x));
    b.def1("exact", x -> exact("exact", x));
    b.defN("number->string", 1, 2, NumberPrimitives::numberToString);
    b.defN("string->number", 1, 2, NumberPrimitives::stringToNumber);
    IntegerDivision.install(b);
    RealFunctions.install(b);
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
          int order = Numbers.compare(Args.number(name, x), Args.number(name, y));
          return order != Numbers.UNORDERED && c.holds(order);
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
                    int order = Numbers.compare(args[i], args[i + 1]);
                    if (order == Numbers.UNORDERED || !c.holds(order)) {
                      return false;
                    }
                  }
                  return true;
                },
                two)
            .withFixnum2(fixnum2));
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

  private static Object exact(String op, Object x) {
    Args.number(op, x);
    if (x instanceof Double d) {
      if (!Double.isFinite(d)) {
        throw Errors.wrongType(op, "a finite number", x);
      }
      return Numbers.toExact(d);
    }
    return x;
  }

  private static Object numberToString(Object[] args) {
    Object n = Args.number("number->string", args[0]);
    int radix = args.length > 1 ? radix("number->string", args[1]) : 10;
    if (radix != 10 && n instanceof Double) {
      throw Errors.error("number->string: a float can only be written in radix 10");
    }
    return radix == 10 && n instanceof Double d
        ? Printer.formatDouble(d)
        : Numbers.toString(n, radix);
  }

  private static Object stringToNumber(Object[] args) {
    String s = Args.string("string->number", args[0]);
    int radix = args.length > 1 ? radix("string->number", args[1]) : 10;
    Object n = Numbers.parse(s, radix);
    return n == null ? Boolean.FALSE : n;
  }

  private static int radix(String op, Object x) {
    int radix = Args.index(op, x);
    if (radix != 2 && radix != 8 && radix != 10 && radix != 16) {
      throw Errors.wrongType(op, "a radix of 2, 8, 10 or 16", x);
    }
    return radix;
  }
}
