package org.omnilisp.lang;

/** Anything that can be called: primitives written in Java and closures. */
public abstract class Procedure {
  public abstract String name();
}
