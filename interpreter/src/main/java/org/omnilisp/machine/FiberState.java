package org.omnilisp.machine;

import org.omnilisp.lang.Symbol;

/** The states of LANGUAGE.md §5, printed in lower case. */
public enum FiberState {
  NEW,
  RUNNING,
  PARKED,
  SUSPENDED,
  DONE,
  FAILED,
  CANCELED;

  private final Symbol symbol = Symbol.of(name().toLowerCase(java.util.Locale.ROOT));

  public Symbol symbol() {
    return symbol;
  }

  public boolean isFinished() {
    return this == DONE || this == FAILED || this == CANCELED;
  }
}
