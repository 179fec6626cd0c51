package org.omnilisp.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.omnilisp.lang.Alias;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.SourcePos;
import org.omnilisp.lang.Symbol;
import org.omnilisp.machine.Node;

/**
 * {@code define-syntax}, {@code let-syntax} and {@code letrec-syntax} (R7RS 4.3): they bind
 * keywords to {@link SyntaxRules} transformers at analysis time. A top-level {@code define-syntax}
 * defines the macro in the form's top-level environment; inside a body it binds the keyword in the
 * body's scope (see {@link Analyzer#body}, which declares them before the body's other forms).
 */
final class MacroForms {
  static final Symbol DEFINE_SYNTAX = Symbol.of("define-syntax");

  private final Analyzer analyzer;

  MacroForms(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  Node defineSyntax(Pair form, Scope scope, SourcePos pos) {
    List<Object> items = Syntax.list(form, "define-syntax", pos);
    if (items.size() != 3) {
      throw Syntax.error(
          "define-syntax: bad syntax, expected (define-syntax name transformer)", pos);
    }
    Symbol name = Syntax.symbol(items.get(1), "define-syntax", pos);
    if (scope.topLevel) {
      Object env = scope.parent == null ? scope.top() : scope;
      Symbol global = (Symbol) Alias.base(name);
      scope.top().defineMacro(global, SyntaxRules.parse(global, items.get(2), env, pos));
    } else {
      declareInBody(items, scope, pos);
    }
    return SpecialForms.nothing(pos);
  }

  /** Binds an internal {@code (define-syntax name spec)} in the body scope {@code scope}. */
  static void declareInBody(List<Object> items, Scope scope, SourcePos pos) {
    Symbol name = Syntax.symbol(items.get(1), "define-syntax", pos);
    scope.declareKeyword(name, SyntaxRules.parse(name, items.get(2), scope, pos));
  }

  /** Is {@code form} an internal {@code (define-syntax name spec)}? */
  static boolean isDefineSyntax(Object form) {
    return form instanceof Pair p && Alias.base(p.car) == DEFINE_SYNTAX;
  }

  Node letSyntax(Pair form, Scope scope, SourcePos pos) {
    return syntaxBlock(form, scope, pos, false);
  }

  Node letrecSyntax(Pair form, Scope scope, SourcePos pos) {
    return syntaxBlock(form, scope, pos, true);
  }

  private Node syntaxBlock(Pair form, Scope scope, SourcePos pos, boolean recursive) {
    String who = Alias.base(form.car).toString();
    if (!(form.cdr instanceof Pair rest)) {
      throw Syntax.error(
          who + ": bad syntax, expected (" + who + " ((name transformer) ...) body...)", pos);
    }
    Scope block = scope.topLevel ? scope.topBlock() : scope.block();
    Object env = recursive ? block : scope;
    List<Symbol> names = new ArrayList<>();
    List<SyntaxRules> macros = new ArrayList<>();
    for (Object binding : Syntax.list(rest.car, who, pos)) {
      List<Object> parts = Syntax.list(binding, who, pos);
      if (parts.size() != 2) {
        throw Syntax.error(
            who + ": bad binding, expected (name transformer)", Syntax.posOf(binding, pos));
      }
      Symbol name = Syntax.symbol(parts.get(0), who, pos);
      names.add(name);
      macros.add(SyntaxRules.parse(name, parts.get(1), env, Syntax.posOf(binding, pos)));
    }
    for (int i = 0; i < names.size(); i++) {
      block.declareKeyword(names.get(i), macros.get(i));
    }
    return analyzer.body(rest.cdr, block, pos);
  }

  /** R7RS 4.3.3: {@code (syntax-error "message" form ...)} stops the expansion with that error. */
  Node syntaxError(Pair form, Scope scope, SourcePos pos) {
    List<Object> items = Syntax.list(form.cdr, "syntax-error", pos);
    if (items.isEmpty() || !(items.get(0) instanceof String message)) {
      throw Syntax.error(
          "syntax-error: bad syntax, expected (syntax-error \"message\" form ...)", pos);
    }
    StringBuilder text = new StringBuilder(message);
    for (Object x : items.subList(1, items.size())) {
      text.append(' ').append(org.omnilisp.lang.Printer.write(Alias.strip(x)));
    }
    throw Syntax.error(text.toString(), pos);
  }

  Node syntaxRulesAlone(Pair form, Scope scope, SourcePos pos) {
    throw Syntax.error(
        "syntax-rules: bad syntax, only allowed as the transformer of define-syntax,"
            + " let-syntax or letrec-syntax",
        pos);
  }
}
