package org.omnilisp.builtins;

import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispChar;
import org.omnilisp.lang.Numbers;

/** Characters (R7RS 6.6): comparisons, classes, case, and conversion to and from code points. */
final class CharPrimitives {
  private CharPrimitives() {}

  /** A test on the order of two code points. */
  private interface Order {
    boolean holds(int a, int b);
  }

  static void install(Builtins b) {
    compare(b, "char=?", (x, y) -> x == y, false);
    compare(b, "char<?", (x, y) -> x < y, false);
    compare(b, "char>?", (x, y) -> x > y, false);
    compare(b, "char<=?", (x, y) -> x <= y, false);
    compare(b, "char>=?", (x, y) -> x >= y, false);
    compare(b, "char-ci=?", (x, y) -> x == y, true);
    compare(b, "char-ci<?", (x, y) -> x < y, true);
    compare(b, "char-ci>?", (x, y) -> x > y, true);
    compare(b, "char-ci<=?", (x, y) -> x <= y, true);
    compare(b, "char-ci>=?", (x, y) -> x >= y, true);
    test(b, "char-alphabetic?", Character::isAlphabetic);
    test(b, "char-numeric?", Character::isDigit);
    test(b, "char-whitespace?", Text::isWhitespace);
    test(b, "char-upper-case?", Character::isUpperCase);
    test(b, "char-lower-case?", Character::isLowerCase);
    b.def1("digit-value", CharPrimitives::digitValue);
    map(b, "char-upcase", Character::toUpperCase);
    map(b, "char-downcase", Character::toLowerCase);
    map(b, "char-foldcase", Text::foldcase);
    b.def1("char->integer", c -> (long) Text.character("char->integer", c).codePoint());
    b.def1("integer->char", CharPrimitives::integerToChar);
  }

  private static void compare(Builtins b, String name, Order order, boolean foldcase) {
    b.defN(
        name,
        1,
        -1,
        args -> {
          boolean result = true;
          int prev = code(name, args[0], foldcase);
          for (int i = 1; i < args.length; i++) {
            int next = code(name, args[i], foldcase);
            result &= order.holds(prev, next);
            prev = next;
          }
          return result;
        });
  }

  private static int code(String op, Object x, boolean foldcase) {
    int cp = Text.character(op, x).codePoint();
    return foldcase ? Text.foldcase(cp) : cp;
  }

  private static void test(Builtins b, String name, IntPredicate p) {
    b.def1(name, c -> p.test(Text.character(name, c).codePoint()));
  }

  private static void map(Builtins b, String name, IntUnaryOperator f) {
    b.def1(name, c -> LispChar.of(f.applyAsInt(Text.character(name, c).codePoint())));
  }

  /** The digit's value for a decimal digit of any script, else false. */
  private static Object digitValue(Object c) {
    int cp = Text.character("digit-value", c).codePoint();
    return Character.isDigit(cp) ? (Object) (long) Character.digit(cp, 10) : Boolean.FALSE;
  }

  private static LispChar integerToChar(Object n) {
    if (n instanceof Long code && LispChar.isScalarValue(code)) {
      return LispChar.of(code.intValue());
    }
    if (Numbers.isInteger(n)) {
      throw Errors.error(
          "integer->char: "
              + Errors.describe(n)
              + " is not a Unicode scalar value"
              + " (0..#x10FFFF, outside #xD800..#xDFFF)");
    }
    throw Errors.wrongType("integer->char", "an integer", n);
  }
}
