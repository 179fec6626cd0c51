package org.omnilisp.ports;

import org.omnilisp.lang.LispChar;

/** The one place where ports make and take char values (a code point in, a char value out). */
final class Chars {
  private Chars() {}

  static Object of(int codePoint) {
    return LispChar.of(codePoint);
  }

  /** The text of a char value, or null when {@code x} is not a char. */
  static String text(Object x) {
    return x instanceof LispChar c ? c.toString() : null;
  }
}
