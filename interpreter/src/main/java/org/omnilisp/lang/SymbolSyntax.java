package org.omnilisp.lang;

/**
 * How {@code write} prints a symbol so that the reader gives it back: plainly when its name reads
 * as that symbol, else between bars ({@code |hello world|}, {@code |42|}, {@code ||}) with {@code
 * |} and {@code \} escaped and control characters as {@code \xHH;} (R7RS 2.1).
 */
final class SymbolSyntax {
  private static final String DELIMITERS = "()[]{}\";'`,|\\";

  private SymbolSyntax() {}

  static void write(String name, StringBuilder out) {
    if (!needsBars(name)) {
      out.append(name);
      return;
    }
    out.append('|');
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '|' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        out.append("\\x").append(Integer.toHexString(c)).append(';');
      } else {
        out.append(c);
      }
    }
    out.append('|');
  }

  static boolean needsBars(String name) {
    if (name.isEmpty()
        || name.equals(".")
        || name.charAt(0) == '#'
        || name.length() > 1 && name.charAt(0) == ':'
        || Numbers.parse(name) != null) {
      return true;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isWhitespace(c) || c < 0x20 || c == 0x7f || DELIMITERS.indexOf(c) >= 0) {
        return true;
      }
    }
    return false;
  }
}
