package org.omnilisp.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.SourcePos;
import org.omnilisp.lang.Symbol;
import org.omnilisp.machine.Call;
import org.omnilisp.machine.Code;
import org.omnilisp.machine.Constant;
import org.omnilisp.machine.FastCall;
import org.omnilisp.machine.Global;
import org.omnilisp.machine.GlobalRef;
import org.omnilisp.machine.Interpreter;
import org.omnilisp.machine.LocalRef;
import org.omnilisp.machine.MachinePrimitive;
import org.omnilisp.machine.Node;
import org.omnilisp.machine.PrimCall;
import org.omnilisp.machine.Primitive;
import org.omnilisp.machine.Procedures;
import org.omnilisp.machine.Sequence;

/**
 * Turns s-expressions into nodes, once per top-level form: special forms and macros are expanded
 * here, locals resolved to lexical addresses and globals to their cells. Special forms are
 * recognised by name unless a local variable shadows the name.
 */
public final class Analyzer {
  private static final Symbol DEFINE = Symbol.of("define");
  private static final Symbol BEGIN = Symbol.of("begin");
  private static final Symbol DO = Symbol.of("do");
  private static final Symbol DEFINE_VALUES = Symbol.of("define-values");

  final Interpreter interp;
  private final SpecialForms forms;

  public Analyzer(Interpreter interp) {
    this.interp = interp;
    this.forms = new SpecialForms(this);
  }

  public Code analyzeTopLevel(Object form) {
    Scope scope = Scope.topLevel();
    Node body = analyze(form, scope);
    return new Code(body, scope.layout.size);
  }

  Node analyze(Object x, Scope scope) {
    return analyze(x, scope, null);
  }

  /** {@code pos} is the position of the enclosing form, for atoms that have none. */
  Node analyze(Object x, Scope scope, SourcePos pos) {
    if (x instanceof Symbol s) {
      return variable(s, scope, pos);
    }
    if (x instanceof Pair p) {
      return combination(p, scope, pos);
    }
    if (x == Nil.NIL) {
      throw Syntax.error("bad syntax: () is not an expression (quote it: '())", pos);
    }
    return new Constant(x, pos);
  }

  Node variable(Symbol s, Scope scope, SourcePos pos) {
    Scope.Address a = scope.lookup(s);
    if (a != null) {
      return new LocalRef(a.depth(), a.index(), s, pos);
    }
    return new GlobalRef(interp.global(s), pos);
  }

  private Node combination(Pair p, Scope scope, SourcePos outer) {
    SourcePos pos = p.pos() != null ? p.pos() : outer;
    String owner = scope.layout.owner;
    if (pos != null && owner != null && !owner.equals(pos.owner())) {
      pos = pos.in(owner);
    }
    if (p.car instanceof Symbol head && scope.lookup(head) == null) {
      SpecialForms.Form form = forms.get(head);
      if (form != null) {
        return form.analyze(p, scope, pos);
      }
      var macro = interp.macro(head);
      if (macro != null) {
        Object expansion = interp.callNested(macro, Syntax.list(p.cdr, head.name(), pos).toArray());
        return analyze(expansion, scope, pos);
      }
    }
    return call(p, scope, pos);
  }

  private Node call(Pair p, Scope scope, SourcePos pos) {
    List<Object> parts = Syntax.list(p, "call", pos);
    Node[] args = new Node[parts.size() - 1];
    for (int i = 0; i < args.length; i++) {
      args[i] = analyze(parts.get(i + 1), scope, pos);
    }
    if (p.car instanceof Symbol s && scope.lookup(s) == null) {
      Global cell = interp.global(s);
      if (Procedures.isPurePrimitive(cell)) {
        return new PrimCall(cell, (Primitive) cell.get(), args, pos);
      }
      MachinePrimitive mp = Procedures.builtinMachinePrimitive(cell);
      if (mp != null && FastCall.applies(mp, args)) {
        return new FastCall(cell, mp, args[0], pos);
      }
    }
    return new Call(analyze(p.car, scope, pos), args, pos);
  }

  /** A body: internal definitions are declared first, so they may refer to each other. */
  Node body(Object forms, Scope scope, SourcePos pos) {
    List<Object> items = Syntax.list(forms, "body", pos);
    if (items.isEmpty()) {
      return new Constant(Nothing.NOTHING, pos);
    }
    if (!scope.topLevel) {
      for (Object form : items) {
        for (Symbol name : definedNames(form)) {
          scope.declareOnce(name);
        }
      }
    }
    if (items.size() == 1) {
      return analyze(items.get(0), scope, pos);
    }
    Node[] nodes = new Node[items.size()];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = analyze(items.get(i), scope, Syntax.posOf(items.get(i), pos));
    }
    return new Sequence(nodes, pos);
  }

  /** The names a form defines at its own level: {@code define}s, also inside {@code begin}. */
  public static List<Symbol> definedNames(Object form) {
    List<Symbol> names = new ArrayList<>();
    collectDefinitions(form, names);
    return names;
  }

  private static void collectDefinitions(Object form, List<Symbol> names) {
    if (!(form instanceof Pair p) || !(p.cdr instanceof Pair rest)) {
      return;
    }
    if (p.car == DEFINE) {
      Object target = rest.car;
      while (target instanceof Pair t) {
        target = t.car;
      }
      if (target instanceof Symbol s) {
        names.add(s);
      }
    } else if (p.car == DEFINE_VALUES) {
      for (Object f = rest.car; f != Nil.NIL; f = f instanceof Pair fp ? fp.cdr : Nil.NIL) {
        Object name = f instanceof Pair fp ? fp.car : f;
        if (name instanceof Symbol s) {
          names.add(s);
        }
      }
    } else if (p.car == BEGIN || p.car == DO) {
      for (Object cur = rest; cur instanceof Pair c; cur = c.cdr) {
        collectDefinitions(c.car, names);
      }
    }
  }
}
