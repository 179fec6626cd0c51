package org.omnilisp.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.omnilisp.lang.Alias;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispArray;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.SourcePos;
import org.omnilisp.lang.Symbol;
import org.omnilisp.machine.Primitive;

/**
 * Expands {@code `template} into code that builds it, honouring nesting levels: only unquotes at
 * the level of the outermost quasiquote are evaluated. The generated code calls private primitives
 * directly (not through globals), so a program that redefines {@code cons} or {@code append} does
 * not change what a template builds.
 */
final class Quasiquote {
  private static final Symbol QUOTE = Symbol.of("quote");
  private static final Symbol QUASIQUOTE = Symbol.of("quasiquote");
  private static final Symbol UNQUOTE = Symbol.of("unquote");
  private static final Symbol UNQUOTE_SPLICING = Symbol.of("unquote-splicing");

  private static final Primitive CONS = Primitive.of2("cons", Pair::new);
  private static final Primitive APPEND = Primitive.of2("append", Quasiquote::append);
  private static final Primitive LIST_TO_ARRAY =
      Primitive.of1("list->array", Quasiquote::listToArray);

  private Quasiquote() {}

  static Object expand(Object template, SourcePos pos) {
    return expand(template, 1, pos);
  }

  private static Object expand(Object x, int depth, SourcePos pos) {
    if (x instanceof LispArray a) {
      // R7RS 4.2.8: a vector template #(...) builds a new array from its expanded elements
      Object items = Nil.NIL;
      for (int i = a.items.size() - 1; i >= 0; i--) {
        items = new Pair(a.items.get(i), items);
      }
      return Pair.list(LIST_TO_ARRAY, expand(items, depth, pos));
    }
    if (!(x instanceof Pair p)) {
      return x instanceof Symbol || x == Nil.NIL ? Pair.list(QUOTE, x) : x;
    }
    Object head = Alias.base(p.car);
    if (head == UNQUOTE && depth == 1) {
      return single(p, pos);
    }
    // Nested levels keep the keyword and expand its operand list one level down (or up), so an
    // inner unquote-splicing can splice into that list.
    if (head == UNQUOTE || head == UNQUOTE_SPLICING) {
      single(p, pos);
      return Pair.list(CONS, quoted(p.car), expand(p.cdr, depth - 1, pos));
    }
    if (head == QUASIQUOTE) {
      single(p, pos);
      return Pair.list(CONS, quoted(QUASIQUOTE), expand(p.cdr, depth + 1, pos));
    }
    if (p.car instanceof Pair inner && Alias.base(inner.car) == UNQUOTE_SPLICING && depth == 1) {
      return Pair.list(APPEND, single(inner, pos), expand(p.cdr, depth, pos));
    }
    return Pair.list(CONS, expand(p.car, depth, pos), expand(p.cdr, depth, pos));
  }

  private static Object quoted(Object x) {
    return Pair.list(QUOTE, x);
  }

  private static Object single(Pair form, SourcePos pos) {
    if (form.cdr instanceof Pair rest && rest.cdr == Nil.NIL) {
      return rest.car;
    }
    throw Syntax.error(form.car + ": bad syntax, expected one operand", pos);
  }

  private static Object listToArray(Object list) {
    List<Object> items = new ArrayList<>();
    for (Object cur = list; cur instanceof Pair c; cur = c.cdr) {
      items.add(c.car);
    }
    return new LispArray(items);
  }

  private static Object append(Object list, Object tail) {
    if (list == Nil.NIL) {
      return tail;
    }
    if (!(list instanceof Pair p)) {
      throw Errors.wrongType("unquote-splicing", "a list", list);
    }
    Pair head = new Pair(p.car, Nil.NIL);
    Pair last = head;
    for (Object cur = p.cdr; cur instanceof Pair c; cur = c.cdr) {
      Pair cell = new Pair(c.car, Nil.NIL);
      last.cdr = cell;
      last = cell;
    }
    last.cdr = tail;
    return head;
  }
}
