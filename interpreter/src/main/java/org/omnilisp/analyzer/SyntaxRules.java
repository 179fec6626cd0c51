package org.omnilisp.analyzer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.omnilisp.lang.Alias;
import org.omnilisp.lang.Equality;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispArray;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.SourcePos;
import org.omnilisp.lang.Symbol;

/**
 * A {@code syntax-rules} transformer (R7RS 4.3.2): pattern matching with literals, {@code _},
 * ellipses (nested, after any number of elements, with a tail after them, a custom ellipsis),
 * vector and dotted patterns; templates with {@code (... ...)} escapes.
 *
 * <p>Hygiene by renaming: each expansion replaces every symbol of the template that is not a
 * pattern variable by a fresh {@link Alias} (the same alias for the same symbol within one
 * expansion) that remembers {@link #env}, the macro's definition environment. {@link Scope#resolve}
 * then makes bindings the expansion introduces invisible to the user's code, and free template
 * identifiers mean what they meant where the macro was defined (e.g. {@code if} stays the special
 * form even where the user binds a variable {@code if}). Patterns are checked when the macro is
 * defined, so a malformed one is an error at its definition, with its position.
 */
final class SyntaxRules {
  private static final Symbol UNDERSCORE = Symbol.of("_");
  private static final Symbol DEFAULT_ELLIPSIS = Symbol.of("...");

  private final Symbol name;
  private final Object ellipsis;
  private final List<Object> literals;
  private final List<Rule> rules;
  private final Object env;

  /** One {@code (pattern template)} rule and the ellipsis depth of each pattern variable. */
  private record Rule(Object pattern, Object template, Map<Symbol, Integer> depths) {}

  /** The matches of a pattern variable under an ellipsis, one per repetition. */
  private record Seq(List<Object> items) {}

  private SyntaxRules(
      Symbol name, Object ellipsis, List<Object> literals, List<Rule> rules, Object env) {
    this.name = name;
    this.ellipsis = ellipsis;
    this.literals = literals;
    this.rules = rules;
    this.env = env;
  }

  /**
   * Parses {@code (syntax-rules [ellipsis] (literal ...) (pattern template) ...)} for the macro
   * {@code name}, defined in {@code env} (a scope or a top-level environment).
   */
  static SyntaxRules parse(Symbol name, Object spec, Object env, SourcePos pos) {
    String who = "syntax-rules";
    if (!(spec instanceof Pair s) || Alias.base(s.car) != Symbol.of("syntax-rules")) {
      throw Syntax.error(
          "define-syntax: "
              + name
              + ": expected (syntax-rules (literal ...) rule ...), got "
              + Errors.describe(Alias.strip(spec)),
          pos);
    }
    List<Object> items = Syntax.list(s.cdr, who, pos);
    int i = 0;
    Object ellipsis = DEFAULT_ELLIPSIS;
    if (i < items.size() && items.get(i) instanceof Symbol custom) {
      ellipsis = custom;
      i++;
    }
    if (i >= items.size()) {
      throw Syntax.error(who + ": " + name + ": missing the list of literals", pos);
    }
    List<Object> literals = new ArrayList<>();
    for (Object lit : Syntax.list(items.get(i), who + ": literals", pos)) {
      literals.add(Syntax.symbol(lit, who + ": literal", pos));
    }
    i++;
    SyntaxRules macro = new SyntaxRules(name, ellipsis, literals, new ArrayList<>(), env);
    for (; i < items.size(); i++) {
      Object rule = items.get(i);
      SourcePos here = Syntax.posOf(rule, pos);
      List<Object> parts = Syntax.list(rule, who + ": rule", here);
      if (parts.size() != 2) {
        throw Syntax.error(
            who
                + ": "
                + name
                + ": a rule must be (pattern template), got "
                + Errors.describe(Alias.strip(rule)),
            here);
      }
      if (!(parts.get(0) instanceof Pair pattern)) {
        throw Syntax.error(
            who
                + ": "
                + name
                + ": a pattern must be a list starting with the keyword, got "
                + Errors.describe(Alias.strip(parts.get(0))),
            here);
      }
      Map<Symbol, Integer> depths = new HashMap<>();
      // The keyword position is ignored: match the rest.
      macro.checkPattern(pattern.cdr, 0, depths, here);
      macro.checkTemplate(parts.get(1), 0, depths, here);
      macro.rules.add(new Rule(pattern.cdr, parts.get(1), depths));
    }
    return macro;
  }

  private boolean isEllipsis(Object x) {
    return x instanceof Symbol && Alias.base(x) == Alias.base(ellipsis);
  }

  private boolean isLiteral(Object x) {
    for (Object lit : literals) {
      if (Alias.base(lit) == Alias.base(x)) {
        return true;
      }
    }
    return false;
  }

  // ---- checking ---------------------------------------------------------------------------

  private void checkPattern(Object p, int depth, Map<Symbol, Integer> depths, SourcePos pos) {
    if (p instanceof LispArray a) {
      checkPattern(vectorAsBracket(a), depth, depths, pos);
      return;
    }
    if (p instanceof Symbol s) {
      if (isEllipsis(s)) {
        throw malformed("misplaced ellipsis " + s + " in pattern", pos);
      }
      if (isLiteral(s) || Alias.base(s) == UNDERSCORE) {
        return;
      }
      if (depths.put(s, depth) != null) {
        throw malformed("pattern variable " + s + " used twice in a pattern", pos);
      }
      return;
    }
    if (!(p instanceof Pair pair)) {
      return;
    }
    Object cur = pair.isBracket() ? pair.cdr : pair;
    boolean seenEllipsis = false;
    while (cur instanceof Pair c) {
      SourcePos here = Syntax.posOf(c, pos);
      if (c.cdr instanceof Pair next && isEllipsis(next.car)) {
        if (seenEllipsis) {
          throw malformed("more than one ellipsis in one list of a pattern", here);
        }
        seenEllipsis = true;
        checkPattern(c.car, depth + 1, depths, here);
        cur = next.cdr;
        continue;
      }
      checkPattern(c.car, depth, depths, here);
      cur = c.cdr;
    }
    if (cur != Nil.NIL) {
      if (pair.isBracket()) {
        throw malformed("a vector pattern cannot be dotted", pos);
      }
      checkPattern(cur, depth, depths, pos);
    }
  }

  private void checkTemplate(Object t, int depth, Map<Symbol, Integer> depths, SourcePos pos) {
    if (t instanceof LispArray a) {
      checkTemplate(vectorAsBracket(a), depth, depths, pos);
      return;
    }
    if (t instanceof Symbol s) {
      Integer d = depths.get(s);
      if (d != null && d > depth) {
        throw malformed(
            "pattern variable "
                + s
                + " is used with "
                + depth
                + " ellipsis(es) in the template"
                + " but matched under "
                + d,
            pos);
      }
      if (isEllipsis(s)) {
        throw malformed("misplaced ellipsis " + s + " in template", pos);
      }
      return;
    }
    if (!(t instanceof Pair pair)) {
      return;
    }
    if (isEllipsis(pair.car) && pair.cdr instanceof Pair esc) {
      return; // (... template): ellipses inside are ordinary symbols
    }
    Object cur = pair.isBracket() ? pair.cdr : pair;
    while (cur instanceof Pair c) {
      SourcePos here = Syntax.posOf(c, pos);
      int extra = 0;
      Object after = c.cdr;
      while (after instanceof Pair next && isEllipsis(next.car)) {
        extra++;
        after = next.cdr;
      }
      if (extra > 0 && !hasVariableDeeper(c.car, depth, depths)) {
        throw malformed(
            "no pattern variable matched under an ellipsis before the ellipsis in template "
                + Errors.describe(Alias.strip(c.car)),
            here);
      }
      checkTemplate(c.car, depth + extra, depths, here);
      cur = after;
    }
    if (cur != Nil.NIL) {
      checkTemplate(cur, depth, depths, pos);
    }
  }

  private boolean hasVariableDeeper(Object t, int depth, Map<Symbol, Integer> depths) {
    if (t instanceof Symbol s) {
      Integer d = depths.get(s);
      return d != null && d > depth;
    }
    while (t instanceof Pair p) {
      if (hasVariableDeeper(p.car, depth, depths)) {
        return true;
      }
      t = p.cdr;
    }
    return t instanceof Symbol && hasVariableDeeper(t, depth, depths);
  }

  private RuntimeException malformed(String what, SourcePos pos) {
    return Syntax.error("syntax-rules: " + name + ": " + what, pos);
  }

  // ---- expansion ----------------------------------------------------------------------------

  /** Expands the use {@code form} (the whole {@code (keyword ...)} form). */
  Object expand(Pair form, Scope useScope, SourcePos pos) {
    for (Rule rule : rules) {
      Map<Symbol, Object> b = new HashMap<>();
      if (match(rule.pattern, form.cdr, b)) {
        return instantiate(rule.template, b, new HashMap<>(), pos);
      }
    }
    throw Syntax.error(
        name
            + ": bad syntax, no syntax-rules pattern matches "
            + Errors.describe(Alias.strip(form)),
        pos);
  }

  private boolean match(Object p, Object x, Map<Symbol, Object> b) {
    if (p instanceof Symbol s) {
      if (isLiteral(s)) {
        return x instanceof Symbol && Alias.base(x) == Alias.base(s);
      }
      if (Alias.base(s) != UNDERSCORE) {
        b.put(s, x);
      }
      return true;
    }
    if (p instanceof LispArray vector) {
      p = vectorAsBracket(vector);
    }
    if (p instanceof Pair pair) {
      if (pair.isBracket()) {
        Object items;
        if (x instanceof Pair xp && xp.isBracket()) {
          items = xp.cdr;
        } else if (x instanceof LispArray a) {
          items = Pair.list(a.items.toArray());
        } else {
          return false;
        }
        return matchList(pair.cdr, items, b);
      }
      return matchList(pair, x, b);
    }
    if (p == Nil.NIL) {
      return x == Nil.NIL;
    }
    return Equality.equal(p, x);
  }

  private boolean matchList(Object p, Object x, Map<Symbol, Object> b) {
    while (p instanceof Pair pp) {
      if (pp.cdr instanceof Pair next && isEllipsis(next.car)) {
        Object after = next.cdr;
        int minAfter = 0;
        for (Object c = after; c instanceof Pair cp; c = cp.cdr) {
          minAfter++;
        }
        int available = 0;
        for (Object c = x; c instanceof Pair cp; c = cp.cdr) {
          available++;
        }
        int reps = available - minAfter;
        if (reps < 0) {
          return false;
        }
        List<Map<Symbol, Object>> matches = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
          Pair xp = (Pair) x;
          Map<Symbol, Object> inner = new HashMap<>();
          if (!match(pp.car, xp.car, inner)) {
            return false;
          }
          matches.add(inner);
          x = xp.cdr;
        }
        for (Symbol v : variables(pp.car)) {
          List<Object> items = new ArrayList<>();
          for (Map<Symbol, Object> m : matches) {
            items.add(m.get(v));
          }
          b.put(v, new Seq(items));
        }
        p = after;
        continue;
      }
      if (!(x instanceof Pair xp) || !match(pp.car, xp.car, b)) {
        return false;
      }
      p = pp.cdr;
      x = xp.cdr;
    }
    if (p == Nil.NIL) {
      return x == Nil.NIL;
    }
    return match(p, x, b);
  }

  private List<Symbol> variables(Object p) {
    List<Symbol> vars = new ArrayList<>();
    collectVariables(p, vars);
    return vars;
  }

  private void collectVariables(Object p, List<Symbol> vars) {
    if (p instanceof Symbol s) {
      if (!isLiteral(s) && !isEllipsis(s) && Alias.base(s) != UNDERSCORE) {
        vars.add(s);
      }
      return;
    }
    if (p instanceof LispArray array) {
      p = vectorAsBracket(array);
    }
    if (p instanceof Pair vector && vector.isBracket()) {
      p = vector.cdr;
    }
    while (p instanceof Pair pair) {
      collectVariables(pair.car, vars);
      p = pair.cdr;
    }
    if (p instanceof Symbol) {
      collectVariables(p, vars);
    }
  }

  private Object instantiate(
      Object t, Map<Symbol, Object> b, Map<Symbol, Alias> renames, SourcePos pos) {
    if (t instanceof Symbol s) {
      if (b.containsKey(s)) {
        Object v = b.get(s);
        if (v instanceof Seq) {
          throw Syntax.error(name + ": pattern variable " + s + " needs an ellipsis", pos);
        }
        return v;
      }
      return renames.computeIfAbsent(s, sym -> new Alias(sym, env));
    }
    if (t instanceof LispArray vector) {
      // a vector template is a constant: its identifiers are data, never renamed
      List<Object> items = new ArrayList<>();
      Object built = instantiate(vectorAsBracket(vector), b, renames, pos);
      for (Object cur = ((Pair) built).cdr; cur instanceof Pair c; cur = c.cdr) {
        items.add(Alias.strip(c.car));
      }
      return new LispArray(items);
    }
    if (!(t instanceof Pair pair)) {
      return t;
    }
    if (isEllipsis(pair.car) && pair.cdr instanceof Pair esc) {
      return instantiateEscaped(esc.car, b, renames);
    }
    boolean bracket = pair.isBracket();
    List<Object> out = new ArrayList<>();
    Object cur = bracket ? pair.cdr : pair;
    if (bracket) {
      out.add(pair.car);
    }
    while (cur instanceof Pair c) {
      int extra = 0;
      Object after = c.cdr;
      while (after instanceof Pair next && isEllipsis(next.car)) {
        extra++;
        after = next.cdr;
      }
      if (extra == 0) {
        out.add(instantiate(c.car, b, renames, pos));
      } else {
        List<Object> results = new ArrayList<>();
        repeat(c.car, extra, b, renames, pos, results);
        out.addAll(results);
      }
      cur = after;
    }
    Object tail = cur == Nil.NIL ? Nil.NIL : instantiate(cur, b, renames, pos);
    Object result = tail;
    SourcePos here = pair.pos() != null ? pair.pos() : pos;
    for (int i = out.size() - 1; i >= 0; i--) {
      result = new Pair(out.get(i), result, here);
    }
    if (bracket && result instanceof Pair r) {
      r.markBracket();
    }
    return result;
  }

  /** Instantiates {@code t} followed by {@code levels} ellipses into {@code results}. */
  private void repeat(
      Object t,
      int levels,
      Map<Symbol, Object> b,
      Map<Symbol, Alias> renames,
      SourcePos pos,
      List<Object> results) {
    List<Symbol> controls = new ArrayList<>();
    int length = -1;
    for (Symbol v : new HashSet<>(variables(t))) {
      if (b.get(v) instanceof Seq seq) {
        controls.add(v);
        if (length >= 0 && length != seq.items.size()) {
          throw Syntax.error(
              name + ": pattern variables under one ellipsis matched different numbers of items",
              pos);
        }
        length = seq.items.size();
      }
    }
    if (controls.isEmpty()) {
      throw Syntax.error(name + ": no pattern variable to repeat under the ellipsis", pos);
    }
    for (int i = 0; i < length; i++) {
      Map<Symbol, Object> inner = new HashMap<>(b);
      for (Symbol v : controls) {
        inner.put(v, ((Seq) b.get(v)).items.get(i));
      }
      if (levels > 1) {
        repeat(t, levels - 1, inner, renames, pos, results);
      } else {
        results.add(instantiate(t, inner, renames, pos));
      }
    }
  }

  /** {@code (... template)}: the template with ellipses as ordinary identifiers. */
  private Object instantiateEscaped(Object t, Map<Symbol, Object> b, Map<Symbol, Alias> renames) {
    if (t instanceof Symbol s) {
      Object v = b.get(s);
      return v != null && !(v instanceof Seq)
          ? v
          : renames.computeIfAbsent(s, x -> new Alias(x, env));
    }
    if (t instanceof Pair p) {
      Pair copy =
          new Pair(
              instantiateEscaped(p.car, b, renames),
              instantiateEscaped(p.cdr, b, renames),
              p.pos());
      return p.isBracket() ? copy.markBracket() : copy;
    }
    return t;
  }

  Symbol name() {
    return name;
  }

  /** A vector read as a constant ({@code #(...)}) in the bracket form {@code (array ...)}. */
  private static Pair vectorAsBracket(LispArray a) {
    return new Pair(Syntax.ARRAY, Pair.list(a.items.toArray())).markBracket();
  }
}
