package org.omnilisp.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.SourcePos;
import org.omnilisp.lang.Symbol;

/** Small helpers for taking s-expressions apart, with syntax errors that name the form. */
final class Syntax {
  static final Symbol ARRAY = Symbol.of("array");

  private Syntax() {}

  static List<Object> list(Object form, String what, SourcePos pos) {
    List<Object> items = new ArrayList<>();
    Object cur = form;
    while (cur instanceof Pair p) {
      items.add(p.car);
      cur = p.cdr;
    }
    if (cur != Nil.NIL) {
      throw error(what + ": bad syntax, expected a proper list", pos);
    }
    return items;
  }

  /** The elements of a binding list written {@code [a 1 b 2]} (the reader's array form). */
  static boolean isBracket(Object form) {
    return form instanceof Pair p && p.isBracket();
  }

  static Object bracketItems(Object form) {
    return ((Pair) form).cdr;
  }

  static SourcePos posOf(Object form, SourcePos fallback) {
    return form instanceof Pair p && p.pos() != null ? p.pos() : fallback;
  }

  static Symbol symbol(Object x, String what, SourcePos pos) {
    if (x instanceof Symbol s) {
      return s;
    }
    throw error(what + ": expected a symbol, got " + Errors.describe(x), pos);
  }

  static LispThrow error(String message, SourcePos pos) {
    ErrorObject e = new ErrorObject(message);
    e.locate(pos);
    return new LispThrow(e);
  }
}
