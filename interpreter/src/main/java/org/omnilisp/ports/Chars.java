package org.omnilisp.ports;

/** The one place where ports make and take char values (a code point in, a char value out). */
final class Chars {
  private Chars() {}

  static Object of(int codePoint) {
    return codePoint <= 0xFFFF
        ? Character.valueOf((char) codePoint)
        : (Object) Character.toString(codePoint);
  }

  /** The text of a char value, or null when {@code x} is not a char. */
  static String text(Object x) {
    return x instanceof Character c ? String.valueOf(c) : null;
  }
}
