package org.omnilisp.builtins;

import java.util.ArrayList;
import java.util.List;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Printer;

/**
 * The everyday string helpers beyond R7RS (LANGUAGE.md §10): {@code string-split string-join
 * string-contains string-trim string-prefix? string-suffix? format}. Indices are code points.
 */
final class StringExtras {
  private StringExtras() {}

  static void install(Builtins b) {
    b.defN("string-split", 1, 2, StringExtras::split);
    b.defN("string-join", 1, 2, StringExtras::join);
    b.def2("string-contains", StringExtras::contains);
    b.def1("string-trim", s -> trim(Args.string("string-trim", s)));
    b.def2(
        "string-prefix?",
        (p, s) -> Args.string("string-prefix?", s).startsWith(Args.string("string-prefix?", p)));
    b.def2(
        "string-suffix?",
        (p, s) -> Args.string("string-suffix?", s).endsWith(Args.string("string-suffix?", p)));
    b.defN("format", 1, -1, StringExtras::format);
  }

  /**
   * {@code (string-split s sep)}: the pieces between occurrences of the string (or char) {@code
   * sep}, empty ones kept; {@code (string-split s)}: the runs of non-whitespace.
   */
  private static Object split(Object[] args) {
    String s = Args.string("string-split", args[0]);
    List<Object> pieces = new ArrayList<>();
    if (args.length == 1) {
      int start = -1;
      for (int i = 0; i <= s.length(); ) {
        int cp = i < s.length() ? s.codePointAt(i) : ' ';
        if (Text.isWhitespace(cp)) {
          if (start >= 0) {
            pieces.add(s.substring(start, i));
            start = -1;
          }
        } else if (start < 0) {
          start = i;
        }
        i += i < s.length() ? Character.charCount(cp) : 1;
      }
      return Pair.list(pieces.toArray());
    }
    String sep =
        args[1] instanceof String text ? text : Text.character("string-split", args[1]).toString();
    if (sep.isEmpty()) {
      throw Errors.error("string-split: the separator must not be empty");
    }
    int from = 0;
    for (int at = s.indexOf(sep); at >= 0; at = s.indexOf(sep, from)) {
      pieces.add(s.substring(from, at));
      from = at + sep.length();
    }
    pieces.add(s.substring(from));
    return Pair.list(pieces.toArray());
  }

  /**
   * {@code (string-join list [sep])}: the strings of {@code list} with {@code sep} (default " ")
   * between.
   */
  private static Object join(Object[] args) {
    String sep = args.length > 1 ? Args.string("string-join", args[1]) : " ";
    StringBuilder out = new StringBuilder();
    boolean first = true;
    for (Object cur = Args.list("string-join", args[0]); cur instanceof Pair p; cur = p.cdr) {
      if (!first) {
        out.append(sep);
      }
      out.append(Args.string("string-join", p.car));
      first = false;
    }
    return out.toString();
  }

  /** The code point index of the first occurrence of {@code sub} in {@code s}, or false. */
  private static Object contains(Object s, Object sub) {
    String text = Args.string("string-contains", s);
    int at = text.indexOf(Args.string("string-contains", sub));
    return at < 0 ? (Object) Boolean.FALSE : (Object) (long) text.codePointCount(0, at);
  }

  private static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && Text.isWhitespace(s.codePointAt(start))) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (end > start && Text.isWhitespace(s.codePointBefore(end))) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }

  /** {@code ~a} display, {@code ~s} write, {@code ~%} newline, {@code ~~} a tilde. */
  private static Object format(Object[] args) {
    String fmt = Args.string("format", args[0]);
    StringBuilder out = new StringBuilder();
    int next = 1;
    for (int i = 0; i < fmt.length(); i++) {
      char c = fmt.charAt(i);
      if (c != '~') {
        out.append(c);
        continue;
      }
      if (++i == fmt.length()) {
        throw Errors.error(
            "format: a directive is missing after the last ~ in " + Errors.describe(fmt));
      }
      char d = fmt.charAt(i);
      switch (Character.toLowerCase(d)) {
        case 'a', 's' -> {
          if (next == args.length) {
            throw Errors.error("format: too few arguments for " + Errors.describe(fmt));
          }
          Printer.print(args[next++], Character.toLowerCase(d) == 's', out);
        }
        case '%', 'n' -> out.append('\n');
        case '~' -> out.append('~');
        default ->
            throw Errors.error("format: unknown directive ~" + d + " in " + Errors.describe(fmt));
      }
    }
    if (next != args.length) {
      throw Errors.error(
          "format: " + (args.length - next) + " argument(s) left over for " + Errors.describe(fmt));
    }
    return out.toString();
  }
}
