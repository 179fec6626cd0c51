package org.omnilisp.reader;

import java.util.ArrayList;
import java.util.List;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.LispChar;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Numbers;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.SourcePos;
import org.omnilisp.lang.Symbol;

/**
 * Reads OmniLisp source text into data (LANGUAGE.md §1). Every list the reader makes carries the
 * position of its opening parenthesis; errors carry the position where reading failed.
 */
public final class Reader {
  /** Message prefix of the error raised when input ends inside a datum (the REPL reads on). */
  public static final String INCOMPLETE = "read: unexpected end of input";

  private static final Symbol QUOTE = Symbol.of("quote");
  private static final Symbol BEGIN = Symbol.of("begin");
  private static final Symbol QUASIQUOTE = Symbol.of("quasiquote");
  private static final Symbol UNQUOTE = Symbol.of("unquote");
  private static final Symbol UNQUOTE_SPLICING = Symbol.of("unquote-splicing");
  private static final Symbol ARRAY = Symbol.of("array");
  private static final Symbol DICT = Symbol.of("dict");
  private static final Object EOF = new Object();

  private final String text;
  private final String file;
  private int index;
  private int line = 1;
  private int column = 1;

  public Reader(String text, String file) {
    this.text = text;
    this.file = file;
  }

  /** Reads every datum of a source text. */
  public static List<Object> readAll(String text, String file) {
    Reader reader = new Reader(text, file);
    List<Object> data = new ArrayList<>();
    for (Object d = reader.next(); d != EOF; d = reader.next()) {
      data.add(d);
    }
    return data;
  }

  /**
   * Reads every form of a program: as {@link #readAll}, but a form that is a lone symbol becomes
   * {@code (begin sym)} read at its position, so that its error (unbound variable) has one.
   */
  public static List<Object> readProgram(String text, String file) {
    Reader reader = new Reader(text, file);
    List<Object> data = new ArrayList<>();
    while (true) {
      reader.skipAtmosphere();
      SourcePos at = reader.pos();
      Object d = reader.next();
      if (d == EOF) {
        break;
      }
      data.add(d instanceof Symbol ? new Pair(BEGIN, new Pair(d, Nil.NIL), at) : d);
    }
    return data;
  }

  /** True when the text ends inside an unfinished datum. */
  public static boolean isIncomplete(String text) {
    try {
      readAll(text, "input");
      return false;
    } catch (LispThrow t) {
      return t.getMessage().startsWith(INCOMPLETE);
    }
  }

  private Object next() {
    skipAtmosphere();
    if (index >= text.length()) {
      return EOF;
    }
    return datum();
  }

  private Object datum() {
    skipAtmosphere();
    SourcePos pos = pos();
    if (index >= text.length()) {
      throw error(INCOMPLETE, pos);
    }
    char c = peek();
    switch (c) {
      case '(':
        advance();
        return listUntil(')', pos);
      case '[':
        advance();
        return new Pair(ARRAY, listUntil(']', pos), pos).markBracket();
      case ')', ']':
        throw error("read: unexpected '" + c + "'", pos);
      case '{', '}':
        throw error("read: braces are reserved, got '" + c + "'", pos);
      case '\'':
        advance();
        return wrap(QUOTE, pos);
      case '`':
        advance();
        return wrap(QUASIQUOTE, pos);
      case ',':
        advance();
        if (index < text.length() && peek() == '@') {
          advance();
          return wrap(UNQUOTE_SPLICING, pos);
        }
        return wrap(UNQUOTE, pos);
      case '"':
        advance();
        return string(pos);
      case '#':
        return hash(pos);
      case ':':
        if (index + 1 < text.length() && isSymbolChar(text.charAt(index + 1))) {
          advance();
          return new Pair(QUOTE, new Pair(atom(pos), Nil.NIL), pos);
        }
        return atom(pos);
      default:
        return atom(pos);
    }
  }

  private Object wrap(Symbol head, SourcePos pos) {
    return new Pair(head, new Pair(datum(), Nil.NIL), pos);
  }

  private Object listUntil(char close, SourcePos open) {
    List<Object> items = new ArrayList<>();
    Object tail = Nil.NIL;
    while (true) {
      skipAtmosphere();
      if (index >= text.length()) {
        throw error(INCOMPLETE + ": missing '" + close + "' for the list opened at " + open, pos());
      }
      char c = peek();
      if (c == close) {
        advance();
        break;
      }
      if (c == ')' || c == ']') {
        throw error("read: expected '" + close + "' but got '" + c + "'", pos());
      }
      if (c == '.' && close == ')' && isDelimiterAt(index + 1) && !items.isEmpty()) {
        advance();
        tail = datum();
        skipAtmosphere();
        if (index >= text.length()) {
          throw error(INCOMPLETE, pos());
        }
        if (peek() != ')') {
          throw error("read: expected ')' after the dotted tail", pos());
        }
        advance();
        break;
      }
      items.add(datum());
    }
    Object result = tail;
    for (int i = items.size() - 1; i >= 0; i--) {
      result = new Pair(items.get(i), result, i == 0 ? open : null);
    }
    if (result instanceof Pair p && p.pos() == null) {
      return new Pair(p.car, p.cdr, open);
    }
    return result;
  }

  private Object hash(SourcePos pos) {
    if (index + 1 >= text.length()) {
      throw error("read: bad syntax '#'", pos);
    }
    char c = text.charAt(index + 1);
    switch (c) {
      case '{':
        advance();
        advance();
        return dictLiteral(pos);
      case '\\':
        advance();
        advance();
        return character(pos);
      case 't', 'f':
        {
          Object a = atom(pos);
          if (a instanceof Boolean) {
            return a;
          }
          throw error("read: bad syntax '" + a + "'", pos);
        }
      default:
        throw error("read: bad syntax '#" + c + "'", pos);
    }
  }

  private Object dictLiteral(SourcePos pos) {
    List<Object> out = new ArrayList<>();
    boolean key = true;
    for (Object cur = listUntil('}', pos); cur instanceof Pair p; cur = p.cdr) {
      out.add(key ? Pair.list(QUOTE, p.car) : p.car);
      key = !key;
    }
    if (!key) {
      throw error("read: a dict literal needs a value for every key", pos);
    }
    Object result = Nil.NIL;
    for (int i = out.size() - 1; i >= 0; i--) {
      result = new Pair(out.get(i), result);
    }
    return new Pair(DICT, result, pos);
  }

  private Object character(SourcePos pos) {
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
    switch (name) {
      case "space":
        return LispChar.of(' ');
      case "newline":
      case "linefeed":
        return LispChar.of('\n');
      case "tab":
        return LispChar.of('\t');
      case "return":
        return LispChar.of('\r');
      case "nul":
      case "null":
        return LispChar.of(0);
      default:
        if (name.startsWith("x") && name.length() > 1) {
          try {
            int code = Integer.parseInt(name.substring(1), 16);
            if (LispChar.isScalarValue(code)) {
              return LispChar.of(code);
            }
          } catch (NumberFormatException e) {
            // fall through to the error below
          }
        }
        throw error("read: unknown character name '#\\" + name + "'", pos);
    }
  }

  private Object string(SourcePos pos) {
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
      char e = advance();
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case '0' -> out.append('\0');
        case '"' -> out.append('"');
        case '\\' -> out.append('\\');
        default -> throw error("read: bad escape '\\" + e + "' in string", escapePos);
      }
    }
  }

  private Object atom(SourcePos pos) {
    int start = index;
    while (index < text.length() && !isDelimiterAt(index)) {
      advance();
    }
    String token = text.substring(start, index);
    if (token.isEmpty()) {
      throw error("read: unexpected character '" + peek() + "'", pos);
    }
    Object number = Numbers.parse(token);
    if (number != null) {
      return number;
    }
    switch (token) {
      case "true":
      case "#t":
      case "#true":
        return Boolean.TRUE;
      case "false":
      case "#f":
      case "#false":
        return Boolean.FALSE;
      case "nothing":
        return Nothing.NOTHING;
      default:
        return Symbol.of(token);
    }
  }

  private void skipAtmosphere() {
    while (index < text.length()) {
      char c = peek();
      if (Character.isWhitespace(c)) {
        advance();
      } else if (c == ';') {
        while (index < text.length() && peek() != '\n') {
          advance();
        }
      } else if (c == '#' && index + 1 < text.length() && text.charAt(index + 1) == '|') {
        blockComment();
      } else if (c == '#' && index + 1 < text.length() && text.charAt(index + 1) == ';') {
        advance();
        advance();
        datum();
      } else {
        return;
      }
    }
  }

  private void blockComment() {
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

  private boolean isDelimiterAt(int i) {
    if (i >= text.length()) {
      return true;
    }
    char c = text.charAt(i);
    return Character.isWhitespace(c) || "()[]{}\";'`,".indexOf(c) >= 0;
  }

  private static boolean isSymbolChar(char c) {
    return !Character.isWhitespace(c) && "()[]{}\";'`,:".indexOf(c) < 0;
  }

  private char peek() {
    return text.charAt(index);
  }

  private char advance() {
    char c = text.charAt(index++);
    if (c == '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
    return c;
  }

  private SourcePos pos() {
    return new SourcePos(file, line, column);
  }

  private static LispThrow error(String message, SourcePos pos) {
    ErrorObject e = new ErrorObject(message).withKind(ErrorObject.Kind.READ);
    e.locate(pos);
    return new LispThrow(e);
  }
}
