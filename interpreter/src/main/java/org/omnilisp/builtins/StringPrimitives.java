package org.omnilisp.builtins;

import java.util.Locale;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispArray;
import org.omnilisp.lang.LispChar;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Printer;
import org.omnilisp.lang.Symbol;

/**
 * Strings, symbols and characters (R7RS 6.5, 6.7). Strings are immutable Java strings indexed by
 * code point (see {@link Text}); the mutators raise {@code string-set!: strings are immutable}.
 */
final class StringPrimitives {
  private StringPrimitives() {}

  static void install(Builtins b) {
    b.def1("string?", x -> x instanceof String);
    b.def1("symbol?", x -> x instanceof Symbol);
    b.def1("char?", x -> x instanceof LispChar);
    b.defN("string", 0, -1, StringPrimitives::string);
    b.defN("make-string", 1, 2, StringPrimitives::makeString);
    b.defN("string-append", 0, -1, StringPrimitives::append);
    b.defN("str", 0, -1, StringPrimitives::str);
    b.def1("string-length", s -> (long) Text.length(Args.string("string-length", s)));
    b.defN("substring", 2, 3, args -> copy("substring", args));
    b.defN("string-copy", 1, 3, args -> copy("string-copy", args));
    b.def2("string-ref", StringPrimitives::stringRef);
    b.def1("string->symbol", s -> Symbol.of(Args.string("string->symbol", s)));
    b.def1("symbol->string", s -> Args.symbol("symbol->string", s).name());
    b.defN("symbol=?", 1, -1, StringPrimitives::symbolEquals);
    b.def1("string-upcase", s -> Args.string("string-upcase", s).toUpperCase(Locale.ROOT));
    b.def1("string-downcase", s -> Args.string("string-downcase", s).toLowerCase(Locale.ROOT));
    b.def1("string-foldcase", s -> Text.foldcase(Args.string("string-foldcase", s)));
    b.defN("string->list", 1, 3, StringPrimitives::toList);
    b.def1("list->string", StringPrimitives::fromList);
    b.defN("string->vector", 1, 3, StringPrimitives::toVector);
    b.defN("vector->string", 1, 3, StringPrimitives::fromVector);
    for (String name : new String[] {"string-set!", "string-fill!", "string-copy!"}) {
      b.defN(
          name,
          0,
          -1,
          args -> {
            throw Errors.error(name + ": strings are immutable");
          });
    }
  }

  private static Object string(Object[] args) {
    StringBuilder out = new StringBuilder();
    for (Object a : args) {
      out.appendCodePoint(Text.character("string", a).codePoint());
    }
    return out.toString();
  }

  /** {@code (make-string k [char])}; the fill defaults to a space. */
  private static Object makeString(Object[] args) {
    int k = Args.index("make-string", args[0]);
    if (k < 0) {
      throw Errors.error("make-string: length must not be negative, got " + k);
    }
    LispChar c = args.length > 1 ? Text.character("make-string", args[1]) : LispChar.of(' ');
    return c.toString().repeat(k);
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

  /** {@code (substring s start [end])} and {@code (string-copy s [start [end]])}. */
  private static Object copy(String op, Object[] args) {
    String s = Args.string(op, args[0]);
    int[] r = Text.range(op, args, 1, Text.length(s));
    return Text.slice(s, r[0], r[1]);
  }

  private static Object stringRef(Object s, Object k) {
    String str = Args.string("string-ref", s);
    int i = Args.index("string-ref", k);
    if (i < 0 || i >= Text.length(str)) {
      throw Errors.error("string-ref: index " + i + " out of range for " + Errors.describe(s));
    }
    return LispChar.of(str.codePointAt(Text.offset(str, i)));
  }

  private static Object symbolEquals(Object[] args) {
    Symbol first = Args.symbol("symbol=?", args[0]);
    boolean result = true;
    for (int i = 1; i < args.length; i++) {
      result &= Args.symbol("symbol=?", args[i]) == first;
    }
    return result;
  }

  /** The code points of {@code (s [start [end]])}. */
  private static Object[] chars(String op, Object[] args) {
    String s = Args.string(op, args[0]);
    int[] r = Text.range(op, args, 1, Text.length(s));
    return Text.slice(s, r[0], r[1]).codePoints().mapToObj(LispChar::of).toArray();
  }

  private static Object toList(Object[] args) {
    return Pair.list(chars("string->list", args));
  }

  private static Object toVector(Object[] args) {
    return new LispArray(
        new java.util.ArrayList<>(java.util.Arrays.asList(chars("string->vector", args))));
  }

  private static Object fromList(Object list) {
    StringBuilder out = new StringBuilder();
    for (Object cur = Args.list("list->string", list); cur instanceof Pair p; cur = p.cdr) {
      out.appendCodePoint(Text.character("list->string", p.car).codePoint());
    }
    return out.toString();
  }

  private static Object fromVector(Object[] args) {
    LispArray v = VectorPrimitives.vector("vector->string", args[0]);
    int[] r = Text.range("vector->string", args, 1, v.items.size());
    StringBuilder out = new StringBuilder();
    for (Object x : v.items.subList(r[0], r[1])) {
      out.appendCodePoint(Text.character("vector->string", x).codePoint());
    }
    return out.toString();
  }
}
