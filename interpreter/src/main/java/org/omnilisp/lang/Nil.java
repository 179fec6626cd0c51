package org.omnilisp.lang;

/** The empty list {@code ()}. */
public final class Nil {
  public static final Nil NIL = new Nil();

  private Nil() {}

  @Override
  public String toString() {
    return "()";
  }
}
