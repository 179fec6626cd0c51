package org.omnilisp.machine;

import org.omnilisp.lang.Procedure;
import org.omnilisp.lang.SourcePos;

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

  /**
   * The direct-style node for a call of the built-in {@code map} or {@code for-each} ({@link
   * MapCall}), or null if the call has another shape.
   */
  public static Node mapCall(Global cell, MachinePrimitive prim, Node[] args, SourcePos pos) {
    return MapCall.of(cell, prim, args, pos);
  }

  /** The global holds a built-in pure primitive that the program does not define itself. */
  public static boolean isPurePrimitive(Global cell) {
    return !cell.userDefined && cell.raw() instanceof Primitive;
  }
}
