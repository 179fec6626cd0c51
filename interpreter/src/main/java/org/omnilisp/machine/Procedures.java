package org.omnilisp.machine;

/** Facts about globals that the analyzer needs. */
public final class Procedures {
  private Procedures() {}

  /** The global holds a built-in pure primitive that the program does not define itself. */
  public static boolean isPurePrimitive(Global cell) {
    return !cell.userDefined && cell.raw() instanceof Primitive;
  }
}
