package org.omnilisp.lang;

/** The unit value {@code nothing}: what display, set! and a one-armed if return. It is false. */
public final class Nothing {
  public static final Nothing NOTHING = new Nothing();

  private Nothing() {}

  @Override
  public String toString() {
    return "nothing";
  }
}
