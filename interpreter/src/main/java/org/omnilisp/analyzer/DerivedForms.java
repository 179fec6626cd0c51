package org.omnilisp.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.omnilisp.lang.Alias;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Record;
import org.omnilisp.lang.SourcePos;
import org.omnilisp.lang.Symbol;
import org.omnilisp.machine.Call;
import org.omnilisp.machine.CaseLambda;
import org.omnilisp.machine.Constant;
import org.omnilisp.machine.Node;
import org.omnilisp.machine.Primitive;

/**
 * R7RS derived forms the core forms do not already cover: {@code do} (under LANGUAGE.md §10's shape
 * rule, else it is {@code begin}), {@code case-lambda} and {@code define-record-type}. The
 * identifiers these expansions introduce are aliases ({@link #core}), so a user's local variable
 * named {@code if} or {@code loop} cannot change what they mean.
 */
final class DerivedForms {
  private final Analyzer analyzer;

  DerivedForms(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /** A core identifier as an expansion introduces it: its global meaning, never a local's. */
  static Symbol core(String name, Scope scope) {
    return new Alias(Symbol.of(name), scope.top());
  }

  // ---- do ----------------------------------------------------------------------------------

  Node doForm(Pair form, Scope scope, SourcePos pos) {
    if (!isIteration(form)) {
      return analyzer.body(form.cdr, scope, pos);
    }
    Pair rest = (Pair) form.cdr;
    Pair exit = (Pair) ((Pair) rest.cdr).car;
    Object commands = ((Pair) rest.cdr).cdr;
    Symbol loop = core("do-loop", scope);
    List<Object> bindings = new ArrayList<>();
    List<Object> steps = new ArrayList<>();
    for (Object spec : Syntax.list(rest.car, "do", pos)) {
      List<Object> parts = Syntax.list(spec, "do", pos);
      if (parts.size() < 2 || parts.size() > 3) {
        throw Syntax.error(
            "do: bad binding, expected (var init [step]), got "
                + Errors.describe(Alias.strip(spec)),
            Syntax.posOf(spec, pos));
      }
      bindings.add(Pair.list(parts.get(0), parts.get(1)));
      steps.add(parts.size() == 3 ? parts.get(2) : parts.get(0));
    }
    Object again = new Pair(loop, Pair.list(steps.toArray()), pos);
    Object body = new Pair(core("begin", scope), append(commands, Pair.list(again)), pos);
    Object done = new Pair(core("begin", scope), exit.cdr, pos);
    Object test = Pair.list(core("if", scope), exit.car, done, body);
    Object let = Pair.list(core("let", scope), loop, Pair.list(bindings.toArray()), test);
    return analyzer.analyze(let, scope, pos);
  }

  /**
   * LANGUAGE.md §10: {@code (do ((var init [step]) ...) (test expr ...) command ...)} with the
   * first operand {@code ()} or a list of lists that each start with a symbol, the second a
   * non-empty list.
   */
  static boolean isIteration(Pair form) {
    if (!(form.cdr instanceof Pair rest) || !(rest.cdr instanceof Pair second)) {
      return false;
    }
    if (!(second.car instanceof Pair exit) || exit.isBracket()) {
      return false;
    }
    if (rest.car == Nil.NIL) {
      return true;
    }
    if (!(rest.car instanceof Pair specs) || specs.isBracket()) {
      return false;
    }
    Object cur = specs;
    for (; cur instanceof Pair c; cur = c.cdr) {
      if (!(c.car instanceof Pair spec) || spec.isBracket() || !(spec.car instanceof Symbol)) {
        return false;
      }
    }
    return cur == Nil.NIL;
  }

  private static Object append(Object list, Object tail) {
    List<Object> items = new ArrayList<>();
    for (Object cur = list; cur instanceof Pair p; cur = p.cdr) {
      items.add(p.car);
    }
    Object result = tail;
    for (int i = items.size() - 1; i >= 0; i--) {
      result = new Pair(items.get(i), result);
    }
    return result;
  }

  // ---- case-lambda -------------------------------------------------------------------------

  Node caseLambda(Pair form, Scope scope, SourcePos pos) {
    List<Object> clauses = Syntax.list(form.cdr, "case-lambda", pos);
    if (clauses.isEmpty()) {
      throw Syntax.error("case-lambda: bad syntax, expected at least one (formals body...)", pos);
    }
    Node[] lambdas = new Node[clauses.size()];
    for (int i = 0; i < lambdas.length; i++) {
      Object clause = clauses.get(i);
      SourcePos here = Syntax.posOf(clause, pos);
      if (!(clause instanceof Pair c)) {
        throw Syntax.error(
            "case-lambda: bad clause, expected (formals body...), got "
                + Errors.describe(Alias.strip(clause)),
            here);
      }
      lambdas[i] = BindingForms.lambda(analyzer, c.car, c.cdr, scope, "case-lambda", here);
    }
    return new Call(new Constant(CaseLambda.MAKE, pos), lambdas, pos);
  }

  // ---- define-record-type ------------------------------------------------------------------

  Node defineRecordType(Pair form, Scope scope, SourcePos pos) {
    String who = "define-record-type";
    List<Object> items = Syntax.list(form.cdr, who, pos);
    if (items.size() < 3) {
      throw Syntax.error(
          who
              + ": bad syntax, expected ("
              + who
              + " name (constructor field ...) predicate (field accessor [modifier]) ...)",
          pos);
    }
    Symbol typeName = Syntax.symbol(items.get(0), who, pos);
    List<Object> fieldSpecs = items.subList(3, items.size());
    Symbol[] fields = new Symbol[fieldSpecs.size()];
    List<List<Object>> specs = new ArrayList<>();
    for (int i = 0; i < fields.length; i++) {
      Object spec = fieldSpecs.get(i);
      List<Object> parts = Syntax.list(spec, who, pos);
      if (parts.isEmpty() || parts.size() > 3) {
        throw Syntax.error(
            who
                + ": bad field, expected (field accessor [modifier]), got "
                + Errors.describe(Alias.strip(spec)),
            Syntax.posOf(spec, pos));
      }
      fields[i] = (Symbol) Alias.base(Syntax.symbol(parts.get(0), who, pos));
      specs.add(parts);
    }
    Record.Type type = new Record.Type((Symbol) Alias.base(typeName), fields);
    List<Object> defs = new ArrayList<>();
    defs.add(core("begin", scope));
    defs.add(definition(typeName, type, scope));
    Object ctor = items.get(1);
    if (ctor instanceof Pair c) {
      Symbol ctorName = Syntax.symbol(c.car, who, pos);
      List<Object> args = Syntax.list(c.cdr, who, pos);
      int[] slots = new int[args.size()];
      for (int i = 0; i < slots.length; i++) {
        Symbol f = (Symbol) Alias.base(Syntax.symbol(args.get(i), who, pos));
        slots[i] = type.index(f);
        if (slots[i] < 0) {
          throw Syntax.error(
              who + ": constructor field " + f + " is not a field of " + typeName, pos);
        }
      }
      defs.add(definition(ctorName, constructor(ctorName.name(), type, slots), scope));
    } else if (ctor instanceof Symbol ctorName) {
      int[] slots = new int[fields.length];
      for (int i = 0; i < slots.length; i++) {
        slots[i] = i;
      }
      defs.add(definition(ctorName, constructor(ctorName.name(), type, slots), scope));
    } else if (ctor != Boolean.FALSE) {
      throw Syntax.error(
          who
              + ": bad constructor, expected (name field ...), got "
              + Errors.describe(Alias.strip(ctor)),
          pos);
    }
    Symbol pred = Syntax.symbol(items.get(2), who, pos);
    defs.add(
        definition(
            pred, Primitive.of1(pred.name(), x -> x instanceof Record r && r.type == type), scope));
    for (int i = 0; i < fields.length; i++) {
      List<Object> parts = specs.get(i);
      int slot = i;
      if (parts.size() >= 2) {
        Symbol getter = Syntax.symbol(parts.get(1), who, pos);
        String g = getter.name();
        defs.add(
            definition(getter, Primitive.of1(g, x -> instance(g, type, x).values[slot]), scope));
      }
      if (parts.size() == 3) {
        Symbol setter = Syntax.symbol(parts.get(2), who, pos);
        String st = setter.name();
        defs.add(
            definition(
                setter,
                Primitive.of2(
                    st,
                    (x, v) -> {
                      instance(st, type, x).values[slot] = v;
                      return Nothing.NOTHING;
                    }),
                scope));
      }
    }
    return analyzer.analyze(Pair.list(defs.toArray()), scope, pos);
  }

  private static Record instance(String op, Record.Type type, Object x) {
    if (x instanceof Record r && r.type == type) {
      return r;
    }
    throw Errors.wrongType(op, "a " + type.name, x);
  }

  private static Object definition(Symbol name, Object value, Scope scope) {
    return Pair.list(core("define", scope), name, Pair.list(core("quote", scope), value));
  }

  private static Primitive constructor(String name, Record.Type type, int[] slots) {
    return Primitive.ofN(
        name,
        slots.length,
        slots.length,
        args -> {
          Object[] values = new Object[type.fields.length];
          java.util.Arrays.fill(values, Nothing.NOTHING);
          for (int i = 0; i < slots.length; i++) {
            values[slots[i]] = args[i];
          }
          return new Record(type, values);
        });
  }
}
