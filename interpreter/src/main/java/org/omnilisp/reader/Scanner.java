package org.omnilisp.reader;

import java.util.Locale;
import org.omnilisp.lang.CharNames;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.LispChar;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.SourcePos;

/**
 * The lexical level of the reader (R7RS 2, 7.1.1): the position in the text, tokens, and the
 * lexemes that are not built from other data — characters, strings and |symbols| with their
 * escapes, block comments. {@link Reader} builds data on top of it.
 */
abstract class Scanner {
  static final String INCOMPLETE = "read: unexpected end of input";

  final String text;
  final String file;
  int index;
  int line = 1;
  int column = 1;
  boolean foldCase;

  Scanner(String text, String file) {
    this.text = text;
    this.file = file;
  }

  Object character(SourcePos pos) {
    int start = index;
    if (index >= text.length()) {
      throw error(INCOMPLETE, pos);
    }
    advance();
    while (index < text.length() && !isDelimiterAt(index)) {
      advance();
    }
    String name = text.substring(start, index);
    if (name.codePointCount(0, name.length()) == 1) {
      return LispChar.of(name.codePointAt(0));
    }
    int named = CharNames.codePoint(foldCase ? name.toLowerCase(Locale.ROOT) : name);
    if (named >= 0) {
      return LispChar.of(named);
    }
    if ((name.startsWith("x") || name.startsWith("X")) && name.length() > 1) {
      int code = hexScalar(name.substring(1));
      if (code >= 0) {
        return LispChar.of(code);
      }
    }
    throw error("read: unknown character name '#\\" + name + "'", pos);
  }

  /** A Unicode scalar value written in hex, or -1. */
  static int hexScalar(String hex) {
    if (hex.isEmpty() || hex.length() > 8) {
      return -1;
    }
    try {
      long code = Long.parseLong(hex, 16);
      return LispChar.isScalarValue(code) && hex.charAt(0) != '+' ? (int) code : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  Object string(SourcePos pos) {
    StringBuilder out = new StringBuilder();
    while (true) {
      if (index >= text.length()) {
        throw error(INCOMPLETE + ": unterminated string starting at " + pos, pos());
      }
      int escapeLine = line;
      int escapeColumn = column;
      char c = advance();
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      SourcePos escapePos = new SourcePos(file, escapeLine, escapeColumn);
      if (index >= text.length()) {
        throw error(INCOMPLETE + ": unterminated string starting at " + pos, escapePos);
      }
      escape(out, escapePos, '"');
    }
  }

  /**
   * The escape after a backslash in a string or a |symbol|: R7RS 6.7 {@code \a \b \t \n \r \" \\
   * \|}, {@code \x41;}, a line continuation {@code \<spaces><newline><spaces>}, and OmniLisp's
   * {@code \0}.
   */
  void escape(StringBuilder out, SourcePos escapePos, char quote) {
    char e = advance();
    switch (e) {
      case 'n' -> out.append('\n');
      case 't' -> out.append('\t');
      case 'r' -> out.append('\r');
      case 'a' -> out.append('\u0007');
      case 'b' -> out.append('\b');
      case '0' -> out.append('\0');
      case '"', '\\', '|' -> out.append(e);
      case 'x', 'X' -> {
        int end = text.indexOf(';', index);
        int code = end < 0 ? -1 : hexScalar(text.substring(index, end));
        if (code < 0) {
          throw error("read: bad \\x escape in " + what(quote) + ", expected \\xHEX;", escapePos);
        }
        while (index <= end) {
          advance();
        }
        out.appendCodePoint(code);
      }
      default -> {
        if (e != ' ' && e != '\t' && e != '\n' && e != '\r') {
          throw error("read: bad escape '\\" + e + "' in " + what(quote), escapePos);
        }
        lineContinuation(e, escapePos, quote);
      }
    }
  }

  void lineContinuation(char first, SourcePos escapePos, char quote) {
    char c = first;
    while (c == ' ' || c == '\t') {
      if (index >= text.length()) {
        throw error(INCOMPLETE + ": unterminated " + what(quote), pos());
      }
      c = advance();
    }
    if (c == '\r' && index < text.length() && peek() == '\n') {
      c = advance();
    }
    if (c != '\n') {
      throw error("read: bad escape '\\" + first + "' in " + what(quote), escapePos);
    }
    while (index < text.length() && (peek() == ' ' || peek() == '\t')) {
      advance();
    }
  }

  static String what(char quote) {
    return quote == '"' ? "string" : "symbol";
  }

  /** A symbol written between bars, {@code |hello world|} (R7RS 2.1). */
  String barSymbol(SourcePos pos) {
    advance();
    StringBuilder out = new StringBuilder();
    while (true) {
      if (index >= text.length()) {
        throw error(INCOMPLETE + ": unterminated |symbol| starting at " + pos, pos());
      }
      SourcePos at = pos();
      char c = advance();
      if (c == '|') {
        return out.toString();
      }
      if (c == '\\') {
        if (index >= text.length()) {
          throw error(INCOMPLETE + ": unterminated |symbol| starting at " + pos, at);
        }
        escape(out, at, '|');
      } else {
        out.append(c);
      }
    }
  }

  String token() {
    int start = index;
    while (index < text.length() && !isDelimiterAt(index)) {
      advance();
    }
    return text.substring(start, index);
  }

  void blockComment() {
    SourcePos start = pos();
    advance();
    advance();
    int depth = 1;
    while (depth > 0) {
      if (index >= text.length()) {
        throw error(INCOMPLETE + ": unterminated block comment starting at " + start, pos());
      }
      if (text.startsWith("|#", index)) {
        depth--;
        advance();
      } else if (text.startsWith("#|", index)) {
        depth++;
        advance();
      }
      advance();
    }
  }

  boolean isDelimiterAt(int i) {
    if (i >= text.length()) {
      return true;
    }
    char c = text.charAt(i);
    return Character.isWhitespace(c) || "()[]{}\";'`,|".indexOf(c) >= 0;
  }

  static boolean isSymbolChar(char c) {
    return !Character.isWhitespace(c) && "()[]{}\";'`,:|".indexOf(c) < 0;
  }

  char peek() {
    return text.charAt(index);
  }

  char advance() {
    char c = text.charAt(index++);
    if (c == '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
    return c;
  }

  SourcePos pos() {
    return new SourcePos(file, line, column);
  }

  static LispThrow error(String message, SourcePos pos) {
    ErrorObject e = new ErrorObject(message).withKind(ErrorObject.Kind.READ);
    e.locate(pos);
    return new LispThrow(e);
  }
}
