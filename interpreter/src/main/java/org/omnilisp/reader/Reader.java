package org.omnilisp.reader;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.omnilisp.lang.Bytevector;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispArray;
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
public final class Reader extends Scanner {
  /** Message prefix of the error raised when input ends inside a datum (the REPL reads on). */
  public static final String INCOMPLETE = Scanner.INCOMPLETE;

  private static final Symbol QUOTE = Symbol.of("quote");
  private static final Symbol BEGIN = Symbol.of("begin");
  private static final Symbol QUASIQUOTE = Symbol.of("quasiquote");
  private static final Symbol UNQUOTE = Symbol.of("unquote");
  private static final Symbol UNQUOTE_SPLICING = Symbol.of("unquote-splicing");
  private static final Symbol ARRAY = Symbol.of("array");
  private static final Symbol DICT = Symbol.of("dict");
  private static final Object EOF = new Object();

  /**
   * How deep lists, arrays, dicts and quotes may nest; deeper input is a read error. The reader is
   * recursive: when the calling thread's stack is too small for input this deep, {@link #readAll}
   * reads again on a thread with a stack that always suffices ({@link DeepStack}).
   */
  public static final int MAX_DEPTH = 1000;

  private int depth;

  public Reader(String text, String file) {
    super(text, file);
  }

  /** Reads every datum of a source text. */
  public static List<Object> readAll(String text, String file) {
    try {
      return readAllHere(text, file);
    } catch (StackOverflowError e) {
      return DeepStack.call(() -> readAllHere(text, file));
    }
  }

  private static List<Object> readAllHere(String text, String file) {
    Reader reader = new Reader(text, file);
    List<Object> data = new ArrayList<>();
    for (Object d = reader.next(); d != EOF; d = reader.next()) {
      data.add(d);
    }
    return data;
  }

  /**
   * Reads the first datum of {@code text}: returns {@code {datum, end}} ({@code end} the index just
   * after it), or null when the text holds no datum (only blanks and comments).
   */
  public static Object[] readFirst(String text, String file) {
    Reader reader = new Reader(text, file);
    Object d = reader.next();
    return d == EOF ? null : new Object[] {d, reader.index};
  }

  /**
   * Reads every form of a program: as {@link #readAll}, but a form that is a lone symbol becomes
   * {@code (begin sym)} read at its position, so that its error (unbound variable) has one.
   */
  public static List<Object> readProgram(String text, String file) {
    try {
      return readProgramHere(text, file);
    } catch (StackOverflowError e) {
      return DeepStack.call(() -> readProgramHere(text, file));
    }
  }

  private static List<Object> readProgramHere(String text, String file) {
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
    if (depth >= MAX_DEPTH) {
      throw error("read: nesting deeper than " + MAX_DEPTH + " at " + pos, pos);
    }
    depth++;
    try {
      return datumAt(pos);
    } finally {
      depth--;
    }
  }

  private Object datumAt(SourcePos pos) {
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
      case '|':
        return Symbol.of(barSymbol(pos));
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
      case '(':
        advance();
        advance();
        return arrayLiteral(pos);
      case 'u', 'U':
        if (text.startsWith("8(", index + 2)) {
          index += 4;
          column += 4;
          return bytevectorLiteral(pos);
        }
        throw error("read: bad syntax '#" + c + "'", pos);
      case 'e', 'E', 'i', 'I', 'x', 'X', 'o', 'O', 'b', 'B', 'd', 'D':
        {
          String token = token();
          Object n = Numbers.parse(token);
          if (n == null) {
            throw error("read: bad number '" + token + "'", pos);
          }
          return n;
        }
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

  private Object arrayLiteral(SourcePos pos) {
    List<Object> items = new ArrayList<>();
    for (Object cur = listUntil(')', pos); cur != Nil.NIL; cur = ((Pair) cur).cdr) {
      if (!(cur instanceof Pair p)) {
        throw error("read: a vector literal cannot be dotted", pos);
      }
      items.add(p.car);
    }
    return new LispArray(items);
  }

  private Object bytevectorLiteral(SourcePos pos) {
    List<Object> items = new ArrayList<>();
    for (Object cur = listUntil(')', pos); cur != Nil.NIL; cur = ((Pair) cur).cdr) {
      if (!(cur instanceof Pair p) || !(p.car instanceof Long b) || b < 0 || b > 255) {
        Object bad = cur instanceof Pair p ? p.car : cur;
        throw error("read: a bytevector holds bytes 0..255, got " + Errors.describe(bad), pos);
      }
      items.add(p.car);
    }
    byte[] bytes = new byte[items.size()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (long) (Long) items.get(i);
    }
    return new Bytevector(bytes);
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

  private Object atom(SourcePos pos) {
    String token = token();
    if (token.isEmpty()) {
      throw error("read: unexpected character '" + peek() + "'", pos);
    }
    if (token.equals(".")) {
      throw error("read: unexpected '.'", pos);
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
        return Symbol.of(foldCase ? token.toLowerCase(Locale.ROOT) : token);
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
      } else if (c == '#' && index + 1 < text.length() && text.charAt(index + 1) == '!') {
        directive();
      } else if (c == '#' && index + 1 < text.length() && text.charAt(index + 1) == ';') {
        advance();
        advance();
        datum();
      } else {
        return;
      }
    }
  }

  /** {@code #!fold-case} and {@code #!no-fold-case} (R7RS 2.1); other {@code #!} is an error. */
  private void directive() {
    SourcePos at = pos();
    String token = token();
    switch (token) {
      case "#!fold-case" -> foldCase = true;
      case "#!no-fold-case" -> foldCase = false;
      default -> throw error("read: bad syntax '" + token + "'", at);
    }
  }
}
