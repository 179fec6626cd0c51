package org.omnilisp.analyzer;

import java.util.HashMap;
import java.util.Map;
import org.omnilisp.lang.Alias;
import org.omnilisp.lang.Symbol;

/**
 * A lexical scope during analysis. Each lambda owns an environment frame ({@link Layout}); the
 * block scopes inside it ({@code let}, {@code catch}, internal definitions) allocate their slots in
 * that same frame. The top-level scope of a form is where {@code define} makes globals (in the
 * form's top-level {@link Environment}). A scope also binds keywords: the macros of {@code
 * let-syntax}, {@code letrec-syntax} and internal {@code define-syntax}.
 *
 * <p>Names are symbols or {@link Alias}es (identifiers a syntax-rules template introduced). An
 * alias is looked up as itself until the search reaches the scope where its macro was defined; from
 * there on it is looked up as the identifier it renames. So an alias bound by the expansion is seen
 * only by that expansion, and a free one means what it meant where the macro was written.
 */
final class Scope {
  /** The slots of one environment frame (slot 0 links to the enclosing frame). */
  static final class Layout {
    int size;

    /** The name of the procedure that owns the frame, or null at top level. */
    String owner;

    /** Whether a lambda is made inside the frame's procedure (its closures hold the frame). */
    boolean captured;

    int allocate() {
      return ++size;
    }
  }

  /** A variable's lexical address. */
  record Address(int depth, int index) {}

  /** A keyword bound in a scope: its transformer. */
  record Keyword(Object transformer) {}

  /** A name bound in no scope: the interned symbol to look up in a top-level environment. */
  record Free(Symbol name, Environment env) {}

  final Scope parent;
  final Layout layout;
  final boolean topLevel;
  final Analysis analysis;
  private final Map<Symbol, Integer> slots = new HashMap<>();
  private Map<Symbol, Object> keywords;

  private Scope(Scope parent, Layout layout, boolean topLevel, Analysis analysis) {
    this.parent = parent;
    this.layout = layout;
    this.topLevel = topLevel;
    this.analysis = analysis;
  }

  static Scope topLevel(Analysis analysis) {
    return new Scope(null, new Layout(), true, analysis);
  }

  /** The scope of a lambda body: a new frame. */
  Scope lambda(String owner) {
    layout.captured = true;
    Layout l = new Layout();
    l.owner = owner;
    return new Scope(this, l, false, analysis);
  }

  /** A block inside the same frame. */
  Scope block() {
    return new Scope(this, layout, false, analysis);
  }

  /** A block that stays at top level (the body of a top-level let-syntax). */
  Scope topBlock() {
    return new Scope(this, layout, topLevel, analysis);
  }

  Environment top() {
    return analysis.env;
  }

  int declare(Symbol name) {
    int slot = layout.allocate();
    slots.put(name, slot);
    if (keywords != null) {
      keywords.remove(name);
    }
    return slot;
  }

  /** The slot of {@code name} in this very scope, declaring it if new. */
  int declareOnce(Symbol name) {
    Integer slot = slots.get(name);
    return slot != null ? slot : declare(name);
  }

  void declareKeyword(Symbol name, Object transformer) {
    if (keywords == null) {
      keywords = new HashMap<>();
    }
    slots.remove(name);
    keywords.put(name, transformer);
  }

  /** A temporary slot no name can reach. */
  int temp() {
    return layout.allocate();
  }

  /** The local variable {@code name} names, or null (a keyword or a free name). */
  Address lookup(Symbol name) {
    return resolve(name) instanceof Address a ? a : null;
  }

  /** What {@code name} means here: an {@link Address}, a {@link Keyword} or a {@link Free} name. */
  Object resolve(Symbol name) {
    int depth = 0;
    Symbol cur = name;
    for (Scope s = this; s != null; s = s.parent) {
      while (cur instanceof Alias a && a.env == s) {
        cur = a.original;
      }
      Integer slot = s.slots.get(cur);
      if (slot != null) {
        return new Address(depth, slot);
      }
      if (s.keywords != null) {
        Object t = s.keywords.get(cur);
        if (t != null) {
          return new Keyword(t);
        }
      }
      if (s.parent != null && s.parent.layout != s.layout) {
        depth++;
      }
    }
    Environment env = analysis.env;
    while (cur instanceof Alias a) {
      if (a.env instanceof Environment e) {
        env = e;
        cur = (Symbol) Alias.base(a);
        break;
      }
      cur = a.original;
    }
    return new Free(cur, env);
  }
}
