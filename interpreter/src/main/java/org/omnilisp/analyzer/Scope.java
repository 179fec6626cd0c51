package org.omnilisp.analyzer;

import java.util.HashMap;
import java.util.Map;
import org.omnilisp.lang.Symbol;

/**
 * A lexical scope during analysis. Each lambda owns an environment frame ({@link Layout}); the
 * block scopes inside it ({@code let}, {@code catch}, internal definitions) allocate their slots in
 * that same frame. The top-level scope of a form is where {@code define} makes globals.
 */
final class Scope {
  /** The slots of one environment frame (slot 0 links to the enclosing frame). */
  static final class Layout {
    int size;

    /** The name of the procedure that owns the frame, or null at top level. */
    String owner;

    int allocate() {
      return ++size;
    }
  }

  /** A variable's lexical address. */
  record Address(int depth, int index) {}

  final Scope parent;
  final Layout layout;
  final boolean topLevel;
  private final Map<Symbol, Integer> slots = new HashMap<>();

  private Scope(Scope parent, Layout layout, boolean topLevel) {
    this.parent = parent;
    this.layout = layout;
    this.topLevel = topLevel;
  }

  static Scope topLevel() {
    return new Scope(null, new Layout(), true);
  }

  /** The scope of a lambda body: a new frame. */
  Scope lambda(String owner) {
    Layout l = new Layout();
    l.owner = owner;
    return new Scope(this, l, false);
  }

  /** A block inside the same frame. */
  Scope block() {
    return new Scope(this, layout, false);
  }

  int declare(Symbol name) {
    int slot = layout.allocate();
    slots.put(name, slot);
    return slot;
  }

  /** The slot of {@code name} in this very scope, declaring it if new. */
  int declareOnce(Symbol name) {
    Integer slot = slots.get(name);
    return slot != null ? slot : declare(name);
  }

  /** A temporary slot no name can reach. */
  int temp() {
    return layout.allocate();
  }

  Address lookup(Symbol name) {
    int depth = 0;
    for (Scope s = this; s != null; s = s.parent) {
      Integer slot = s.slots.get(name);
      if (slot != null) {
        return new Address(depth, slot);
      }
      if (s.parent != null && s.parent.layout != s.layout) {
        depth++;
      }
    }
    return null;
  }
}
