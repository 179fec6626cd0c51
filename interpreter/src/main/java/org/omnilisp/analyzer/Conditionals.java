package org.omnilisp.analyzer;

import java.util.List;
import org.omnilisp.lang.Alias;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.SourcePos;
import org.omnilisp.lang.Symbol;
import org.omnilisp.machine.Call;
import org.omnilisp.machine.Constant;
import org.omnilisp.machine.If;
import org.omnilisp.machine.LocalRef;
import org.omnilisp.machine.MemberTest;
import org.omnilisp.machine.Node;
import org.omnilisp.machine.Sequence;

/**
 * {@code if}, {@code cond}, {@code case}, {@code when}, {@code unless}, {@code and}, {@code or}.
 */
final class Conditionals {
  private static final Symbol ELSE = Symbol.of("else");
  private static final Symbol ARROW = Symbol.of("=>");
  private static final Symbol TEMP = Symbol.of("%temp");

  private final Analyzer analyzer;

  Conditionals(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /**
   * Is {@code x} the auxiliary keyword {@code keyword} ({@code else}, {@code =>})? Not where the
   * program binds a local variable of that name (R7RS 4.3.2: {@code (let ((=> #f)) (cond (#t =>
   * 'ok)))} is {@code ok}).
   */
  static boolean isAuxiliary(Object x, Symbol keyword, Scope scope) {
    return x instanceof Symbol s
        && Alias.base(s) == keyword
        && scope.resolve(s) instanceof Scope.Free;
  }

  Node ifForm(Pair form, Scope scope, SourcePos pos) {
    List<Object> items = Syntax.list(form, "if", pos);
    if (items.size() != 3 && items.size() != 4) {
      throw Syntax.error("if: bad syntax, expected (if test then [else])", pos);
    }
    Node test = analyzer.analyze(items.get(1), scope, pos);
    Node then = analyzer.analyze(items.get(2), scope, pos);
    Node otherwise =
        items.size() == 4 ? analyzer.analyze(items.get(3), scope, pos) : SpecialForms.nothing(pos);
    return If.of(test, then, otherwise, pos);
  }

  Node when(Pair form, Scope scope, SourcePos pos) {
    Pair rest = operands(form, pos);
    return If.of(
        analyzer.analyze(rest.car, scope, pos),
        analyzer.body(rest.cdr, scope, pos),
        SpecialForms.nothing(pos),
        pos);
  }

  Node unless(Pair form, Scope scope, SourcePos pos) {
    Pair rest = operands(form, pos);
    return If.of(
        analyzer.analyze(rest.car, scope, pos),
        SpecialForms.nothing(pos),
        analyzer.body(rest.cdr, scope, pos),
        pos);
  }

  private static Pair operands(Pair form, SourcePos pos) {
    if (form.cdr instanceof Pair rest) {
      return rest;
    }
    throw Syntax.error(form.car + ": bad syntax, expected a test", pos);
  }

  Node and(Pair form, Scope scope, SourcePos pos) {
    List<Object> items = Syntax.list(form.cdr, "and", pos);
    if (items.isEmpty()) {
      return new Constant(Boolean.TRUE, pos);
    }
    Node result = analyzer.analyze(items.get(items.size() - 1), scope, pos);
    for (int i = items.size() - 2; i >= 0; i--) {
      result = andThen(analyzer.analyze(items.get(i), scope, pos), result, scope, pos);
    }
    return result;
  }

  /** {@code then} if {@code test} is true, else test's own false value; test evaluated once. */
  private static Node andThen(Node test, Node then, Scope scope, SourcePos pos) {
    return testOnce(test, scope, pos, t -> If.of(t, then, t, pos));
  }

  /**
   * Evaluates {@code test} once into a temporary slot, then runs what {@code use} builds from a
   * reference to that slot.
   */
  private static Node testOnce(
      Node test, Scope scope, SourcePos pos, java.util.function.Function<LocalRef, Node> use) {
    int slot = scope.temp();
    LocalRef t = new LocalRef(0, slot, TEMP, pos);
    return new Sequence(new Node[] {SpecialForms.assignTemp(slot, test, pos), use.apply(t)}, pos);
  }

  Node or(Pair form, Scope scope, SourcePos pos) {
    List<Object> items = Syntax.list(form.cdr, "or", pos);
    if (items.isEmpty()) {
      return new Constant(Boolean.FALSE, pos);
    }
    Node result = analyzer.analyze(items.get(items.size() - 1), scope, pos);
    for (int i = items.size() - 2; i >= 0; i--) {
      result = orElse(analyzer.analyze(items.get(i), scope, pos), result, scope, pos);
    }
    return result;
  }

  /** {@code test}'s value if it is true, else {@code otherwise}; test evaluated once. */
  private static Node orElse(Node test, Node otherwise, Scope scope, SourcePos pos) {
    return testOnce(test, scope, pos, t -> If.of(t, t, otherwise, pos));
  }

  Node cond(Pair form, Scope scope, SourcePos pos) {
    return clauses(Syntax.list(form.cdr, "cond", pos), 0, scope, pos);
  }

  private Node clauses(List<Object> clauses, int i, Scope scope, SourcePos pos) {
    if (i == clauses.size()) {
      return SpecialForms.nothing(pos);
    }
    Object clause = clauses.get(i);
    if (Syntax.isBracket(clause)) {
      clause = Syntax.bracketItems(clause);
    }
    if (!(clause instanceof Pair c)) {
      throw Syntax.error("cond: bad clause, expected (test body...)", pos);
    }
    SourcePos here = Syntax.posOf(clause, pos);
    if (isAuxiliary(c.car, ELSE, scope)) {
      return analyzer.body(c.cdr, scope, here);
    }
    Node test = analyzer.analyze(c.car, scope, here);
    Node rest = clauses(clauses, i + 1, scope, pos);
    if (c.cdr == Nil.NIL) {
      return orElse(test, rest, scope, here);
    }
    if (c.cdr instanceof Pair body
        && isAuxiliary(body.car, ARROW, scope)
        && body.cdr instanceof Pair f) {
      Node receiver = analyzer.analyze(f.car, scope, here);
      return testOnce(
          test, scope, here, t -> If.of(t, new Call(receiver, new Node[] {t}, here), rest, here));
    }
    return If.of(test, analyzer.body(c.cdr, scope, here), rest, here);
  }

  Node caseForm(Pair form, Scope scope, SourcePos pos) {
    Pair rest = operands(form, pos);
    int slot = scope.temp();
    Node key = analyzer.analyze(rest.car, scope, pos);
    LocalRef k = new LocalRef(0, slot, TEMP, pos);
    List<Object> clauses = Syntax.list(rest.cdr, "case", pos);
    Node chain = SpecialForms.nothing(pos);
    for (int i = clauses.size() - 1; i >= 0; i--) {
      Object clause = clauses.get(i);
      if (Syntax.isBracket(clause)) {
        clause = Syntax.bracketItems(clause);
      }
      if (!(clause instanceof Pair c)) {
        throw Syntax.error("case: bad clause, expected ((datum...) body...)", pos);
      }
      SourcePos here = Syntax.posOf(clause, pos);
      Node body;
      if (c.cdr instanceof Pair arrow && isAuxiliary(arrow.car, ARROW, scope)) {
        if (!(arrow.cdr instanceof Pair f) || f.cdr != Nil.NIL) {
          throw Syntax.error("case: bad clause, expected (datums => receiver)", here);
        }
        body = new Call(analyzer.analyze(f.car, scope, here), new Node[] {k}, here);
      } else {
        body = analyzer.body(c.cdr, scope, here);
      }
      if (isAuxiliary(c.car, ELSE, scope)) {
        chain = body;
      } else {
        Object[] data = Syntax.list(Alias.strip(c.car), "case", here).toArray();
        chain = If.of(new MemberTest(k, data, here), body, chain, here);
      }
    }
    return new Sequence(new Node[] {SpecialForms.assignTemp(slot, key, pos), chain}, pos);
  }
}
