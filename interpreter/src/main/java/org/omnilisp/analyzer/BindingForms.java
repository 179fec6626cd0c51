package org.omnilisp.analyzer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.omnilisp.lang.Alias;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.SourcePos;
import org.omnilisp.lang.Symbol;
import org.omnilisp.machine.Assign;
import org.omnilisp.machine.Call;
import org.omnilisp.machine.Code;
import org.omnilisp.machine.Constant;
import org.omnilisp.machine.Global;
import org.omnilisp.machine.Lambda;
import org.omnilisp.machine.LambdaNode;
import org.omnilisp.machine.LocalRef;
import org.omnilisp.machine.Node;
import org.omnilisp.machine.Sequence;

/** {@code define}, {@code set!}, {@code lambda}, the {@code let} family and define-macro. */
final class BindingForms {
  private static final Symbol LAMBDA = Symbol.of("lambda");

  private final Analyzer analyzer;

  BindingForms(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  Node lambdaForm(Pair form, Scope scope, SourcePos pos) {
    if (!(form.cdr instanceof Pair rest)) {
      throw Syntax.error(form.car + ": bad syntax, expected (lambda params body...)", pos);
    }
    return lambda(analyzer, params(rest.car), rest.cdr, scope, "lambda", pos);
  }

  private static Object params(Object params) {
    return Syntax.isBracket(params) ? Syntax.bracketItems(params) : params;
  }

  static LambdaNode lambda(
      Analyzer analyzer, Object params, Object body, Scope scope, String name, SourcePos pos) {
    Scope inner = scope.lambda(name);
    Set<Symbol> seen = new HashSet<>();
    int required = 0;
    Object cur = params;
    while (cur instanceof Pair p) {
      declareParam(inner, seen, Syntax.symbol(p.car, name, pos), pos);
      required++;
      cur = p.cdr;
    }
    boolean rest = false;
    if (cur instanceof Symbol s) {
      declareParam(inner, seen, s, pos);
      rest = true;
    } else if (cur != Nil.NIL) {
      throw Syntax.error(name + ": bad parameter list", pos);
    }
    Node bodyNode = analyzer.body(body, inner, pos);
    Lambda made = new Lambda(name, required, rest, inner.layout.size, bodyNode);
    if (!inner.layout.captured) {
      made.frameNeverCaptured();
    }
    return new LambdaNode(made, pos);
  }

  private static void declareParam(Scope inner, Set<Symbol> seen, Symbol s, SourcePos pos) {
    if (!seen.add(s)) {
      throw Syntax.error("lambda: duplicate parameter " + s, pos);
    }
    inner.declare(s);
  }

  Node define(Pair form, Scope scope, SourcePos pos) {
    if (!(form.cdr instanceof Pair rest)) {
      throw Syntax.error("define: bad syntax", pos);
    }
    Object target = rest.car;
    Object value;
    if (target instanceof Pair signature) {
      // (define (name . params) body...), also curried: (define ((name a) b) body...)
      value = new Pair(LAMBDA, new Pair(signature.cdr, rest.cdr), pos);
      target = signature.car;
      while (target instanceof Pair inner) {
        value = Pair.list(LAMBDA, inner.cdr, value);
        target = inner.car;
      }
    } else if (rest.cdr instanceof Pair v && v.cdr == Nil.NIL) {
      value = v.car;
    } else if (rest.cdr == Nil.NIL) {
      value = org.omnilisp.lang.Nothing.NOTHING;
    } else {
      throw Syntax.error("define: bad syntax, expected (define name value)", pos);
    }
    Symbol name = Syntax.symbol(target, "define", pos);
    Node valueNode = named(value, name, scope, pos);
    if (scope.topLevel) {
      Global cell = scope.top().defineCell((Symbol) Alias.base(name));
      return new Assign.ToGlobal(cell, true, valueNode, pos);
    }
    return new Assign.Local(0, scope.declareOnce(name), name.name(), valueNode, pos);
  }

  /** A lambda bound by define keeps the variable's name (for printing and errors). */
  private Node named(Object value, Symbol name, Scope scope, SourcePos pos) {
    if (value instanceof Pair p && p.car == LAMBDA && p.cdr instanceof Pair rest) {
      return lambda(analyzer, params(rest.car), rest.cdr, scope, name.name(), pos);
    }
    return analyzer.analyze(value, scope, pos);
  }

  Node set(Pair form, Scope scope, SourcePos pos) {
    List<Object> items = Syntax.list(form, "set!", pos);
    if (items.size() != 3) {
      throw Syntax.error("set!: bad syntax, expected (set! name value)", pos);
    }
    Symbol name = Syntax.symbol(items.get(1), "set!", pos);
    Node value = analyzer.analyze(items.get(2), scope, pos);
    Object r = scope.resolve(name);
    if (r instanceof Scope.Address a) {
      return new Assign.Local(a.depth(), a.index(), null, value, pos);
    }
    if (r instanceof Scope.Free f) {
      return new Assign.ToGlobal(f.env().cell(f.name()), false, value, pos);
    }
    throw Syntax.error("set!: " + name + " is a keyword, not a variable", pos);
  }

  /** {@code (let ((x 1) (y 2)) ...)}, {@code (let [x 1 y 2] ...)} and named let. */
  Node let(Pair form, Scope scope, SourcePos pos) {
    if (!(form.cdr instanceof Pair rest)) {
      throw Syntax.error("let: bad syntax", pos);
    }
    if (rest.car instanceof Symbol loopName) {
      return namedLet(loopName, rest.cdr, scope, pos);
    }
    Bindings b = bindings("let", rest.car, pos);
    List<Node> nodes = new ArrayList<>();
    Node[] inits = new Node[b.names.size()];
    for (int i = 0; i < inits.length; i++) {
      inits[i] = named(b.inits.get(i), b.names.get(i), scope, pos);
    }
    Scope block = scope.block();
    for (int i = 0; i < inits.length; i++) {
      int slot = block.declare(b.names.get(i));
      nodes.add(new Assign.Local(0, slot, b.names.get(i).name(), inits[i], pos));
    }
    nodes.add(analyzer.body(rest.cdr, block, pos));
    return sequence(nodes, pos);
  }

  private Node namedLet(Symbol loopName, Object rest, Scope scope, SourcePos pos) {
    if (!(rest instanceof Pair r)) {
      throw Syntax.error("let: bad syntax, expected (let name bindings body...)", pos);
    }
    Bindings b = bindings("let", r.car, pos);
    Node[] inits = new Node[b.names.size()];
    for (int i = 0; i < inits.length; i++) {
      inits[i] = analyzer.analyze(b.inits.get(i), scope, pos);
    }
    Scope block = scope.block();
    int slot = block.declare(loopName);
    Object params = Nil.NIL;
    for (int i = b.names.size() - 1; i >= 0; i--) {
      params = new Pair(b.names.get(i), params);
    }
    LambdaNode loop = lambda(analyzer, params, r.cdr, block, loopName.name(), pos);
    Node start = new Call(new LocalRef(0, slot, loopName, pos), inits, pos);
    return new Sequence(new Node[] {new Assign.Local(0, slot, null, loop, pos), start}, pos);
  }

  Node letStar(Pair form, Scope scope, SourcePos pos) {
    if (!(form.cdr instanceof Pair rest)) {
      throw Syntax.error("let*: bad syntax", pos);
    }
    Bindings b = bindings("let*", rest.car, pos);
    List<Node> nodes = new ArrayList<>();
    Scope current = scope;
    for (int i = 0; i < b.names.size(); i++) {
      Node init = named(b.inits.get(i), b.names.get(i), current, pos);
      current = current.block();
      int slot = current.declare(b.names.get(i));
      nodes.add(new Assign.Local(0, slot, b.names.get(i).name(), init, pos));
    }
    nodes.add(analyzer.body(rest.cdr, current.block(), pos));
    return sequence(nodes, pos);
  }

  Node letrec(Pair form, Scope scope, SourcePos pos) {
    if (!(form.cdr instanceof Pair rest)) {
      throw Syntax.error(form.car + ": bad syntax", pos);
    }
    Bindings b = bindings(form.car.toString(), rest.car, pos);
    Scope block = scope.block();
    int[] slots = new int[b.names.size()];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = block.declare(b.names.get(i));
    }
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < slots.length; i++) {
      Node init = named(b.inits.get(i), b.names.get(i), block, pos);
      nodes.add(new Assign.Local(0, slots[i], b.names.get(i).name(), init, pos));
    }
    nodes.add(analyzer.body(rest.cdr, block, pos));
    return sequence(nodes, pos);
  }

  /** {@code (define-macro (name . params) body...)}: the expander is made at analysis time. */
  Node defineMacro(Pair form, Scope scope, SourcePos pos) {
    if (!(form.cdr instanceof Pair rest) || !(rest.car instanceof Pair signature)) {
      throw Syntax.error(
          "define-macro: bad syntax, expected (define-macro (name args...) body...)", pos);
    }
    Symbol name = Syntax.symbol(signature.car, "define-macro", pos);
    Scope top = Scope.topLevel(scope.analysis);
    LambdaNode expander = lambda(analyzer, signature.cdr, rest.cdr, top, name.name(), pos);
    Object closure = analyzer.interp.evalNested(new Code(expander, top.layout.size));
    if (scope.topLevel) {
      scope.top().defineMacro((Symbol) Alias.base(name), closure);
    } else {
      scope.declareKeyword(name, closure);
    }
    return new Constant(name, pos);
  }

  private static Node sequence(List<Node> nodes, SourcePos pos) {
    return nodes.size() == 1 ? nodes.get(0) : new Sequence(nodes.toArray(new Node[0]), pos);
  }

  private record Bindings(List<Symbol> names, List<Object> inits) {}

  private static Bindings bindings(String what, Object spec, SourcePos pos) {
    List<Symbol> names = new ArrayList<>();
    List<Object> inits = new ArrayList<>();
    if (Syntax.isBracket(spec)) {
      List<Object> flat = Syntax.list(Syntax.bracketItems(spec), what, pos);
      if (flat.size() % 2 != 0) {
        throw Syntax.error(what + ": bad syntax, a binding vector needs name value pairs", pos);
      }
      for (int i = 0; i < flat.size(); i += 2) {
        names.add(Syntax.symbol(flat.get(i), what, pos));
        inits.add(flat.get(i + 1));
      }
      return new Bindings(names, inits);
    }
    for (Object binding : Syntax.list(spec, what, pos)) {
      List<Object> parts = Syntax.list(binding, what, pos);
      if (parts.isEmpty() || parts.size() > 2) {
        throw Syntax.error(what + ": bad binding, expected (name value)", pos);
      }
      names.add(Syntax.symbol(parts.get(0), what, pos));
      inits.add(parts.size() == 2 ? parts.get(1) : org.omnilisp.lang.Nothing.NOTHING);
    }
    return new Bindings(names, inits);
  }
}
