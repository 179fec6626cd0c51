package org.omnilisp.builtins;

import java.util.Locale;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispChar;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Printer;
import org.omnilisp.lang.Symbol;

/** Strings, symbols and characters. Strings are immutable. */
final class StringPrimitives {
  private StringPrimitives() {}

  static void install(Builtins b) {
    b.def1("string?", x -> x instanceof String);
    b.def1("symbol?", x -> x instanceof Symbol);
    b.def1("char?", x -> x instanceof LispChar);
    b.defN("string-append", 0, -1, StringPrimitives::append);
    b.defN("str", 0, -1, StringPrimitives::str);
    b.def1("string-length", s -> (long) Args.string("string-length", s).length());
    b.defN("substring", 2, 3, StringPrimitives::substring);
    b.def2("string-ref", StringPrimitives::stringRef);
    b.def1("string->symbol", s -> Symbol.of(Args.string("string->symbol", s)));
    b.def1("symbol->string", s -> Args.symbol("symbol->string", s).name());
    b.def1("string-upcase", s -> Args.string("string-upcase", s).toUpperCase(Locale.ROOT));
    b.def1("string-downcase", s -> Args.string("string-downcase", s).toLowerCase(Locale.ROOT));
    b.def1("string->list", StringPrimitives::toList);
    b.def1("list->string", StringPrimitives::fromList);
    b.def2("string=?", (x, y) -> Args.string("string=?", x).equals(Args.string("string=?", y)));
    b.def2(
        "string<?", (x, y) -> Args.string("string<?", x).compareTo(Args.string("string<?", y)) < 0);
    b.def1("char->integer", c -> (long) character("char->integer", c).codePoint());
    b.def1("integer->char", StringPrimitives::integerToChar);
  }

  private static LispChar integerToChar(Object n) {
    if (n instanceof Long code && LispChar.isScalarValue(code)) {
      return LispChar.of(code.intValue());
    }
    throw Errors.wrongType("integer->char", "a Unicode scalar value", n);
  }

  private static LispChar character(String op, Object x) {
    if (x instanceof LispChar c) {
      return c;
    }
    throw Errors.wrongType(op, "a char", x);
  }

  private static Object append(Object[] args) {
    StringBuilder out = new StringBuilder();
    for (Object a : args) {
      out.append(Args.string("string-append", a));
    }
    return out.toString();
  }

  private static Object str(Object[] args) {
    StringBuilder out = new StringBuilder();
    for (Object a : args) {
      Printer.print(a, false, out);
    }
    return out.toString();
  }

  private static Object substring(Object[] args) {
    String s = Args.string("substring", args[0]);
    int start = Args.index("substring", args[1]);
    int end = args.length > 2 ? Args.index("substring", args[2]) : s.length();
    if (start < 0 || end > s.length() || start > end) {
      throw Errors.error(
          "substring: range "
              + start
              + ".."
              + end
              + " out of bounds for a string of length "
              + s.length());
    }
    return s.substring(start, end);
  }

  private static Object stringRef(Object s, Object k) {
    String str = Args.string("string-ref", s);
    int i = Args.index("string-ref", k);
    if (i < 0 || i >= str.length()) {
      throw Errors.error("string-ref: index " + i + " out of range for " + Errors.describe(s));
    }
    return LispChar.of(str.charAt(i));
  }

  private static Object toList(Object s) {
    String str = Args.string("string->list", s);
    return Pair.list(str.codePoints().mapToObj(LispChar::of).toArray());
  }

  private static Object fromList(Object list) {
    StringBuilder out = new StringBuilder();
    for (Object cur = Args.list("list->string", list); cur instanceof Pair p; cur = p.cdr) {
      out.append(character("list->string", p.car));
    }
    return out.toString();
  }
}
