package org.omnilisp.fibers;

import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Symbol;

/**
 * Expands {@code (select clause...)} into {@code (%select (list clause-data...))}: each clause
 * becomes {@code (list 'kind operand... (lambda (v) body...))}, operands evaluated in order.
 *
 * <pre>
 *   ((recv ch) v body...)   ((send ch x) body...)   ((timeout ms) body...)   (else body...)
 *   ((read-line port) line body...)   ((accept listener) conn body...)
 * </pre>
 */
final class SelectSyntax {
  private static final Symbol LIST = Symbol.of("list");
  private static final Symbol QUOTE = Symbol.of("quote");
  private static final Symbol LAMBDA = Symbol.of("lambda");
  private static final Symbol SELECT = Symbol.of("%select");
  private static final Symbol ELSE = Symbol.of("else");
  private static final Symbol IGNORED = Symbol.of("%select-value");

  private SelectSyntax() {}

  static Object expand(Object[] clauses) {
    if (clauses.length == 0) {
      throw Errors.error("select: expected at least one clause");
    }
    Object data = Nil.NIL;
    for (int i = clauses.length - 1; i >= 0; i--) {
      data = new Pair(clause(clauses[i]), data);
    }
    return Pair.list(SELECT, new Pair(LIST, data));
  }

  private static Object clause(Object form) {
    if (!(form instanceof Pair c)) {
      throw Errors.wrongType("select", "a clause like ((recv ch) v body...)", form);
    }
    if (org.omnilisp.lang.Alias.base(c.car) == ELSE) {
      return Pair.list(LIST, Pair.list(QUOTE, ELSE), body(IGNORED, c.cdr));
    }
    if (!(c.car instanceof Pair op) || !(op.car instanceof Symbol kind)) {
      throw Errors.wrongType("select", "a clause like ((recv ch) v body...)", form);
    }
    Object operands = op.cdr;
    switch (kind.name()) {
      case "recv", "read-line", "accept":
        {
          Symbol var = IGNORED;
          Object body = c.cdr;
          if (c.cdr instanceof Pair b && b.car instanceof Symbol v) {
            var = v;
            body = b.cdr;
          }
          return clauseData(kind, operands, 1, body(var, body), form);
        }
      case "send":
        return clauseData(kind, operands, 2, body(IGNORED, c.cdr), form);
      case "timeout":
        return clauseData(kind, operands, 1, body(IGNORED, c.cdr), form);
      default:
        throw Errors.wrongType(
            "select", "a recv, send, read-line, accept, timeout or else clause", form);
    }
  }

  private static Object clauseData(
      Symbol kind, Object operands, int count, Object body, Object form) {
    int n = 0;
    Object items = Nil.NIL;
    java.util.List<Object> parts = new java.util.ArrayList<>();
    for (Object cur = operands; cur instanceof Pair p; cur = p.cdr) {
      parts.add(p.car);
      n++;
    }
    if (n != count) {
      throw Errors.wrongType("select", "(" + kind + (count == 2 ? " ch value)" : " x)"), form);
    }
    parts.add(body);
    for (int i = parts.size() - 1; i >= 0; i--) {
      items = new Pair(parts.get(i), items);
    }
    return new Pair(LIST, new Pair(Pair.list(QUOTE, kind), items));
  }

  private static Object body(Symbol var, Object body) {
    return new Pair(
        LAMBDA,
        new Pair(
            Pair.list(var),
            body == Nil.NIL
                ? Pair.list(Pair.list(QUOTE, org.omnilisp.lang.Nothing.NOTHING))
                : body));
  }
}
