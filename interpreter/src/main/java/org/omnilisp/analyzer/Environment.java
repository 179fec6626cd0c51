package org.omnilisp.analyzer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.omnilisp.lang.Printable;
import org.omnilisp.lang.Symbol;
import org.omnilisp.machine.Context;
import org.omnilisp.machine.Global;

/**
 * A top-level environment: where the free names of top-level code are looked up and where its
 * {@code define}s go. The interaction environment is the interpreter's global table itself. A
 * library (and an {@code (environment ...)} for {@code eval}) has a table of its own: its
 * definitions are cells outside the global table, so they do not leak into the importer, and the
 * names it imports are the exporter's very cells; a definition of an imported name makes a cell of
 * the library's own that shadows the import. A name a library neither defines nor imports falls
 * back to the global table (built-ins need no import).
 */
public final class Environment implements Printable {
  private final Context interp;
  private final String name;
  private final Map<Symbol, Global> own;
  private final Map<Symbol, Global> cells;
  private final Map<Symbol, Object> macros;

  private Environment(Context interp, String name, boolean own) {
    this.interp = interp;
    this.name = name;
    this.own = own ? new ConcurrentHashMap<>() : null;
    this.cells = own ? new ConcurrentHashMap<>() : null;
    this.macros = own ? new ConcurrentHashMap<>() : null;
  }

  /** The interpreter's global table as an environment. */
  public static Environment interaction(Context interp) {
    return new Environment(interp, "interaction", false);
  }

  /** A fresh environment of its own (a library's body, an {@code environment} for eval). */
  public static Environment own(Context interp, String name) {
    return new Environment(interp, name, true);
  }

  public boolean isInteraction() {
    return cells == null;
  }

  /** The cell a free reference to {@code s} means. */
  public Global cell(Symbol s) {
    if (cells != null) {
      Global c = own.get(s);
      if (c == null) {
        c = cells.get(s);
      }
      if (c != null) {
        return c;
      }
    }
    return interp.global(s);
  }

  /** The cell a top-level {@code define} of {@code s} assigns. */
  public Global defineCell(Symbol s) {
    if (cells == null) {
      return interp.global(s);
    }
    macros.remove(s);
    return own.computeIfAbsent(s, Global::detached);
  }

  /** Is {@code s} bound here (a variable or a macro)? */
  public boolean has(Symbol s) {
    return macro(s) != null || cell(s).isBound();
  }

  public Object macro(Symbol s) {
    if (macros != null) {
      Object m = macros.get(s);
      if (m != null) {
        return m;
      }
      if (own.containsKey(s) || cells.containsKey(s)) {
        return null;
      }
    }
    return interp.macro(s);
  }

  public void defineMacro(Symbol s, Object transformer) {
    if (macros == null) {
      interp.defineMacro(s, transformer);
    } else {
      own.remove(s);
      cells.remove(s);
      macros.put(s, transformer);
    }
  }

  /** Makes {@code s} here mean the variable {@code cell} (an import). */
  public void bind(Symbol s, Global cell) {
    if (cells == null) {
      interp.bindGlobal(s, cell);
    } else {
      cells.put(s, cell);
    }
  }

  @Override
  public String printForm() {
    return "#<environment " + name + ">";
  }
}
