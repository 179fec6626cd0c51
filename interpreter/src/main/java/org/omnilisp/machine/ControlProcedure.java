package org.omnilisp.machine;

import org.omnilisp.lang.Procedure;

/**
 * A procedure value that works on the calling machine itself, made at run time: continuations and
 * parameter objects. The machine calls {@link #invoke} as it does a machine primitive's body.
 */
public abstract class ControlProcedure extends Procedure {
  abstract void invoke(Machine m, Object[] args);
}
