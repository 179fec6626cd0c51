package org.omnilisp.machine;

import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Symbol;

/**
 * The cell of a global variable. Reads and writes are volatile, so a {@code define} or {@code set!}
 * in one thread or fiber is seen by every later read in another.
 */
public final class Global {
  static final Object UNBOUND = new Object();

  public final Symbol name;
  private volatile Object value = UNBOUND;

  /** True once a program defines or assigns this name itself (see {@link PrimCall}). */
  volatile boolean userDefined;

  public Global(Symbol name) {
    this.name = name;
  }

  /** A cell outside the global table: a library's own (non-exported) definition. */
  public static Global detached(Symbol name) {
    return new Global(name);
  }

  public Object get() {
    Object v = value;
    if (v == UNBOUND) {
      throw Errors.error("unbound variable: " + name);
    }
    return v;
  }

  public boolean isBound() {
    return value != UNBOUND;
  }

  /** The value held, or the unbound marker (compared by identity only). */
  public Object raw() {
    return value;
  }

  /** A definition by the system (built-ins, embedders). */
  public void install(Object v) {
    value = v;
  }

  /** Notes that the program defines or assigns this global (before it runs). */
  public void markUserDefined() {
    userDefined = true;
  }

  /** A definition or assignment by the program. */
  public void assign(Object v) {
    userDefined = true;
    value = v;
  }
}
