package org.omnilisp.machine;

/** Facts about globals that the analyzer needs. */
public final class Procedures {
  private Procedures() {}

  /** The built-in machine primitive a global holds, if the program does not define it itself. */
  public static MachinePrimitive builtinMachinePrimitive(Global cell) {
    return !cell.userDefined && cell.raw() instanceof MachinePrimitive p ? p : null;
  }

  /** The global holds a built-in pure primitive that the program does not define itself. */
  public static boolean isPurePrimitive(Global cell) {
    return !cell.userDefined && cell.raw() instanceof Primitive;
  }
}
