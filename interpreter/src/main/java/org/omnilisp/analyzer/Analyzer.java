package org.omnilisp.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.omnilisp.lang.Alias;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.SourcePos;
import org.omnilisp.lang.Symbol;
import org.omnilisp.machine.Call;
import org.omnilisp.machine.Code;
import org.omnilisp.machine.Constant;
import org.omnilisp.machine.Context;
import org.omnilisp.machine.FastCall;
import org.omnilisp.machine.Global;
import org.omnilisp.machine.GlobalRef;
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

  final Context interp;
  private final SpecialForms forms;
  private final Environment interaction;
  final Libraries libraries;
  private final EvalPrimitives evalPrimitives;

  public Analyzer(Context interp) {
    this.interp = interp;
    this.interaction = Environment.interaction(interp);
    this.forms = new SpecialForms(this);
    this.libraries = new Libraries(this);
    this.evalPrimitives = new EvalPrimitives(this);
  }

  /** Defines eval, environment, interaction-environment and load. */
  public void installPrimitives() {
    evalPrimitives.install();
  }

  public Libraries libraries() {
    return libraries;
  }

  /** Is {@code s} a special form or a global macro? */
  boolean isKeyword(Symbol s) {
    return forms.get(s) != null || interp.macro(s) != null;
  }

  /** The interpreter's global table as an environment. */
  public Environment interaction() {
    return interaction;
  }

  public Code analyzeTopLevel(Object form) {
    return analyzeTopLevel(form, interaction);
  }

  /**
   * Analyses a top-level form in {@code env}. A form nested too deeply for the Java stack is
   * analysed again on a thread with a big stack (see {@link DeepAnalysis}).
   */
  public Code analyzeTopLevel(Object form, Environment env) {
    try {
      return analyzeOnThisStack(form, env);
    } catch (StackOverflowError e) {
      return DeepAnalysis.run(() -> analyzeOnThisStack(form, env), Syntax.posOf(form, null));
    }
  }

  private Code analyzeOnThisStack(Object form, Environment env) {
    Scope scope = Scope.topLevel(new Analysis(env));
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
    Object r = scope.resolve(s);
    if (r instanceof Scope.Address a) {
      return new LocalRef(a.depth(), a.index(), s, pos);
    }
    if (r instanceof Scope.Free f) {
      return new GlobalRef(f.env().cell(f.name()), pos);
    }
    throw Syntax.error("bad syntax: " + s + " is a keyword, not a variable", pos);
  }

  /** The special form or macro {@code head} names here, or null. */
  Object keyword(Object head, Scope scope) {
    if (!(head instanceof Symbol s)) {
      return null;
    }
    Object r = scope.resolve(s);
    if (r instanceof Scope.Keyword k) {
      return k.transformer();
    }
    if (r instanceof Scope.Free f) {
      SpecialForms.Form form = forms.get(f.name());
      return form != null ? form : f.env().macro(f.name());
    }
    return null;
  }

  /** {@code pos} tagged with the procedure it is in, for call chains (`at NAME (file:l:c)`). */
  private static SourcePos owned(SourcePos pos, Scope scope) {
    String owner = scope.layout.owner;
    return pos != null && owner != null && !owner.equals(pos.owner()) ? pos.in(owner) : pos;
  }

  /** A pair that a macro made has no position of its own: it takes the enclosing form's. */
  private Node combination(Pair p, Scope scope, SourcePos outer) {
    SourcePos pos = owned(p.pos() != null ? p.pos() : outer, scope);
    Object form = p;
    while (form instanceof Pair f) {
      SourcePos here = f.pos() != null ? owned(f.pos(), scope) : pos;
      Object k = keyword(f.car, scope);
      if (k == null) {
        return call(f, scope, here);
      }
      if (k instanceof SpecialForms.Form special) {
        return special.analyze(f, scope, here);
      }
      scope.analysis.countExpansion(f.car, here);
      form = expand(k, f, scope, here);
      pos = here;
    }
    return analyze(form, scope, pos);
  }

  /** One expansion step of the macro use {@code form}. */
  Object expand(Object transformer, Pair form, Scope scope, SourcePos pos) {
    if (transformer instanceof SyntaxRules rules) {
      return rules.expand(form, scope, pos);
    }
    if (transformer instanceof Symbol target) {
      // another name of a keyword (an import with prefix or rename)
      return new Pair(new Alias(target, interaction), form.cdr, form.pos());
    }
    Object[] args = Syntax.list(form.cdr, form.car.toString(), pos).toArray();
    return interp.callNested(transformer, args);
  }

  private Node call(Pair p, Scope scope, SourcePos pos) {
    List<Object> parts = Syntax.list(p, "call", pos);
    Node[] args = new Node[parts.size() - 1];
    for (int i = 0; i < args.length; i++) {
      args[i] = analyze(parts.get(i + 1), scope, pos);
    }
    Object placed = evalPrimitives.placed(p.car, scope, pos);
    if (placed != null) {
      return new Call(new Constant(placed, pos), args, pos);
    }
    if (p.car instanceof Symbol s && scope.resolve(s) instanceof Scope.Free free) {
      Global cell = free.env().cell(free.name());
      if (Procedures.isPurePrimitive(cell)) {
        return PrimCall.of(cell, (Primitive) cell.get(), args, pos);
      }
      MachinePrimitive mp = Procedures.builtinMachinePrimitive(cell);
      if (mp != null && FastCall.applies(mp, args)) {
        return new FastCall(cell, mp, args[0], pos);
      }
      Node mapped = mp != null ? Procedures.mapCall(cell, mp, args, pos) : null;
      if (mapped != null) {
        return mapped;
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
        if (MacroForms.isDefineSyntax(form)) {
          List<Object> parts = Syntax.list(form, "define-syntax", pos);
          if (parts.size() == 3) {
            MacroForms.declareInBody(parts, scope, Syntax.posOf(form, pos));
          }
        }
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

  /**
   * Marks the globals that top-level forms define or assign, before any of them is analysed, so
   * calls to them are never compiled as calls of the built-in they replace.
   */
  public void noteDefinitions(List<Object> forms) {
    for (Object form : forms) {
      for (Symbol name : definedNames(form)) {
        interp.global(name).markUserDefined();
      }
    }
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
    if (Alias.base(p.car) == DEFINE) {
      Object target = rest.car;
      while (target instanceof Pair t) {
        target = t.car;
      }
      if (target instanceof Symbol s) {
        names.add(s);
      }
    } else if (Alias.base(p.car) == DEFINE_VALUES) {
      for (Object f = rest.car; f != Nil.NIL; f = f instanceof Pair fp ? fp.cdr : Nil.NIL) {
        Object name = f instanceof Pair fp ? fp.car : f;
        if (name instanceof Symbol s) {
          names.add(s);
        }
      }
    } else if (Alias.base(p.car) == BEGIN || Alias.base(p.car) == DO) {
      for (Object cur = rest; cur instanceof Pair c; cur = c.cdr) {
        collectDefinitions(c.car, names);
      }
    }
  }
}
