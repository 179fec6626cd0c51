package org.omnilisp.machine;

import org.omnilisp.lang.Procedure;

/** Facts about globals that the analyzer needs. */
public final class Procedures {
  private Procedures() {}

  /** A procedure of no arguments that calls {@code p} with {@code args} (a fiber's body). */
  public static Procedure thunk(Procedure p, Object[] args) {
    return new MachinePrimitive(p.name(), 0, 0, (m, none) -> m.apply(p, args));
  }

  /** The built-in machine primitive a global holds, if the program does not define it itself. */
  public static MachinePrimitive builtinMachinePrimitive(Global cell) {
    return !cell.userDefined && cell.raw() instanceof MachinePrimitive p ? p : null;
  }

  /** The global holds a built-in pure primitive that the program does not define itself. */
  public static boolean isPurePrimitive(Global cell) {
    return !cell.userDefined && cell.raw() instanceof Primitive;
  }
}
