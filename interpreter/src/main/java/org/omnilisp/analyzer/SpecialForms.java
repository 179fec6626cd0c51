package org.omnilisp.analyzer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.omnilisp.lang.Alias;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.SourcePos;
import org.omnilisp.lang.Symbol;
import org.omnilisp.machine.Assign;
import org.omnilisp.machine.Call;
import org.omnilisp.machine.Constant;
import org.omnilisp.machine.FiberNode;
import org.omnilisp.machine.GlobalRef;
import org.omnilisp.machine.If;
import org.omnilisp.machine.LambdaNode;
import org.omnilisp.machine.Node;
import org.omnilisp.machine.Try;

/**
 * The special forms of LANGUAGE.md §3, by name. Binding forms live in {@link BindingForms},
 * conditionals in {@link Conditionals}; the rest are short enough to sit here.
 */
final class SpecialForms {
  /** Analyses one special form. */
  interface Form {
    Node analyze(Pair form, Scope scope, SourcePos pos);
  }

  /** The global a {@code with-fibers} body is handed to, as a thunk (installed by a runtime). */
  static final Symbol WITH_FIBERS_HOOK = Symbol.of("%with-fibers");

  private static final Symbol CATCH = Symbol.of("catch");
  private static final Symbol FINALLY = Symbol.of("finally");

  private final Map<Symbol, Form> forms = new HashMap<>();
  private final Analyzer analyzer;

  SpecialForms(Analyzer analyzer) {
    this.analyzer = analyzer;
    BindingForms bindings = new BindingForms(analyzer);
    Conditionals conditionals = new Conditionals(analyzer);
    MacroForms macros = new MacroForms(analyzer);
    DerivedForms derived = new DerivedForms(analyzer);
    add("quote", this::quote);
    add("quasiquote", (f, s, p) -> analyzer.analyze(Quasiquote.expand(arg(f, 1, p), p), s, p));
    add("define", bindings::define);
    add("set!", bindings::set);
    add("lambda", bindings::lambdaForm);
    add("fn", bindings::lambdaForm);
    add("λ", bindings::lambdaForm);
    add("let", bindings::let);
    add("let*", bindings::letStar);
    add("letrec", bindings::letrec);
    add("letrec*", bindings::letrec);
    add("define-macro", bindings::defineMacro);
    add("if", conditionals::ifForm);
    add("cond", conditionals::cond);
    add("case", conditionals::caseForm);
    add("when", conditionals::when);
    add("unless", conditionals::unless);
    add("and", conditionals::and);
    add("or", conditionals::or);
    add("begin", this::begin);
    add("do", derived::doForm);
    add("case-lambda", derived::caseLambda);
    add("define-record-type", derived::defineRecordType);
    add("define-syntax", macros::defineSyntax);
    add("let-syntax", macros::letSyntax);
    add("letrec-syntax", macros::letrecSyntax);
    add("syntax-rules", macros::syntaxRulesAlone);
    add("syntax-error", macros::syntaxError);
    LibraryForms libraries = new LibraryForms(analyzer);
    add("define-library", libraries::defineLibrary);
    add("import", libraries::importForm);
    add("include", libraries::include);
    add("include-ci", libraries::include);
    add("cond-expand", libraries::condExpand);
    add("try", this::tryForm);
    add("fiber", this::fiber);
    add("with-fibers", this::withFibers);
  }

  private void add(String name, Form form) {
    forms.put(Symbol.of(name), form);
  }

  Form get(Symbol name) {
    return forms.get(name);
  }

  static Object arg(Pair form, int index, SourcePos pos) {
    List<Object> items = Syntax.list(form, form.car.toString(), pos);
    if (items.size() != index + 1) {
      throw Syntax.error(form.car + ": bad syntax, expected " + index + " operand(s)", pos);
    }
    return items.get(index);
  }

  private Node quote(Pair form, Scope scope, SourcePos pos) {
    return new Constant(Alias.strip(arg(form, 1, pos)), pos);
  }

  private Node begin(Pair form, Scope scope, SourcePos pos) {
    return analyzer.body(form.cdr, scope, pos);
  }

  private Node fiber(Pair form, Scope scope, SourcePos pos) {
    return new FiberNode(thunk(form.cdr, scope, "fiber", pos), pos);
  }

  private Node withFibers(Pair form, Scope scope, SourcePos pos) {
    GlobalRef hook = new GlobalRef(analyzer.interp.global(WITH_FIBERS_HOOK), pos);
    return new Call(hook, new Node[] {thunk(form.cdr, scope, "with-fibers", pos)}, pos);
  }

  LambdaNode thunk(Object body, Scope scope, String name, SourcePos pos) {
    return BindingForms.lambda(analyzer, Nil.NIL, body, scope, name, pos);
  }

  private Node tryForm(Pair form, Scope scope, SourcePos pos) {
    List<Object> items = Syntax.list(form.cdr, "try", pos);
    Pair catchClause = null;
    Pair finallyClause = null;
    int end = items.size();
    while (end > 0
        && items.get(end - 1) instanceof Pair c
        && (Alias.base(c.car) == CATCH || Alias.base(c.car) == FINALLY)) {
      if (Alias.base(c.car) == FINALLY && finallyClause == null && catchClause == null) {
        finallyClause = c;
      } else if (Alias.base(c.car) == CATCH && catchClause == null) {
        catchClause = c;
      } else {
        throw Syntax.error("try: bad syntax, expected (catch e ...) then (finally ...)", pos);
      }
      end--;
    }
    Object body = Nil.NIL;
    for (int i = end - 1; i >= 0; i--) {
      body = new Pair(items.get(i), body);
    }
    Scope bodyScope = scope.block();
    Node bodyNode = analyzer.body(body, bodyScope, pos);
    int slot = 0;
    Node handler = null;
    if (catchClause != null) {
      if (!(catchClause.cdr instanceof Pair c) || !(c.car instanceof Symbol name)) {
        throw Syntax.error("try: bad syntax, expected (catch name handler...)", pos);
      }
      Scope handlerScope = scope.block();
      slot = handlerScope.declare(name);
      handler = analyzer.body(c.cdr, handlerScope, Syntax.posOf(catchClause, pos));
    }
    Node cleanup =
        finallyClause == null
            ? null
            : analyzer.body(finallyClause.cdr, scope.block(), Syntax.posOf(finallyClause, pos));
    if (handler == null && cleanup == null) {
      return bodyNode;
    }
    return new Try(bodyNode, slot, handler, cleanup, pos);
  }

  /** {@code nothing} as a node. */
  static Node nothing(SourcePos pos) {
    return new Constant(Nothing.NOTHING, pos);
  }

  static Node assignTemp(int slot, Node value, SourcePos pos) {
    return new Assign.Local(0, slot, null, value, pos);
  }

  static Node ifNode(Node test, Node then, Node otherwise, SourcePos pos) {
    return If.of(test, then, otherwise, pos);
  }
}
