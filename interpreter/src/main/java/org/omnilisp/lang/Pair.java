package org.omnilisp.lang;

/** A mutable cons cell. Pairs made by the reader remember their source position. */
public final class Pair {
  public Object car;
  public Object cdr;
  private SourcePos pos;
  private boolean bracket;

  public Pair(Object car, Object cdr) {
    this.car = car;
    this.cdr = cdr;
  }

  public Pair(Object car, Object cdr, SourcePos pos) {
    this(car, cdr);
    this.pos = pos;
  }

  public SourcePos pos() {
    return pos;
  }

  /** True for {@code (array ...)} forms the reader made from a {@code [...]} literal. */
  public boolean isBracket() {
    return bracket;
  }

  public Pair markBracket() {
    bracket = true;
    return this;
  }

  public static Object list(Object... items) {
    Object result = Nil.NIL;
    for (int i = items.length - 1; i >= 0; i--) {
      result = new Pair(items[i], result);
    }
    return result;
  }
}
