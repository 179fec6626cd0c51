package org.omnilisp.builtins;

import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispChar;

/**
 * Strings seen as sequences of code points. Strings stay Java strings (UTF-16), but every string
 * procedure counts and indexes Unicode scalar values, so that {@code (string-length "😀")} is 1. A
 * string without surrogates (the common case) is indexed directly.
 */
final class Text {
  private Text() {}

  /** The number of code points in {@code s}. */
  static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /**
   * The UTF-16 offset of code point {@code i} (0 <= i <= length). Direct when the string has no
   * surrogate pairs: the JDK counts the code points of a Latin-1 string in constant time.
   */
  static int offset(String s, int i) {
    return length(s) == s.length() ? i : s.offsetByCodePoints(0, i);
  }

  /** The substring between code point indices {@code start} and {@code end}. */
  static String slice(String s, int start, int end) {
    if (length(s) == s.length()) {
      return s.substring(start, end);
    }
    int from = s.offsetByCodePoints(0, start);
    return s.substring(from, s.offsetByCodePoints(from, end - start));
  }

  /** Compares by code points (Java's compareTo orders UTF-16 units, which differs above U+FFFF). */
  static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  static LispChar character(String op, Object x) {
    if (x instanceof LispChar c) {
      return c;
    }
    throw Errors.wrongType(op, "a char", x);
  }

  /**
   * The optional {@code [start [end]]} arguments from {@code args[from]} on, checked against a
   * sequence of {@code length} items: {@code {start, end}}.
   */
  static int[] range(String op, Object[] args, int from, int length) {
    int start = args.length > from ? Args.index(op, args[from]) : 0;
    int end = args.length > from + 1 ? Args.index(op, args[from + 1]) : length;
    checkRange(op, start, end, length);
    return new int[] {start, end};
  }

  static void checkRange(String op, int start, int end, int length) {
    if (start < 0 || end > length || start > end) {
      throw Errors.error(
          op + ": range " + start + ".." + end + " out of bounds for length " + length);
    }
  }

  /**
   * Simple case folding of one code point (R7RS char-foldcase): through upper then lower case,
   * except the Turkish dotted and dotless i, which Unicode's simple folding leaves alone.
   */
  static int foldcase(int cp) {
    if (cp == 0x130 || cp == 0x131) {
      return cp;
    }
    return Character.toLowerCase(Character.toUpperCase(cp));
  }

  /** Full case folding of a string (R7RS string-foldcase): "Straße" folds to "strasse". */
  static String foldcase(String s) {
    return s.toUpperCase(java.util.Locale.ROOT).toLowerCase(java.util.Locale.ROOT);
  }

  /** Unicode White_Space. */
  static boolean isWhitespace(int cp) {
    return (cp >= 9 && cp <= 13) || cp == 0x85 || Character.isSpaceChar(cp);
  }
}
