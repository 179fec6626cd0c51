package org.omnilisp.builtins;

import org.omnilisp.machine.Frame;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.Primitive;

/**
 * A loop inside a machine primitive that calls a Lisp procedure once per step ({@code sort}'s
 * {@code less?}, {@code string-map}'s procedure, {@code member}'s compare). A built-in pure
 * primitive is called directly; any other procedure is called through the machine with this loop as
 * its continuation frame, so it may yield or park and the loop goes on where it stopped.
 */
abstract class CallLoop extends Frame {
  private final Object fn;

  CallLoop(Object fn) {
    this.fn = fn;
  }

  /**
   * The arguments of the next call, or null when the loop is over (then it has left its result in
   * {@code m.value}).
   */
  abstract Object[] next(Machine m);

  /** Takes the result of the call that {@link #next} asked for. */
  abstract void accept(Object result);

  /** Runs the loop until it ends or a call has to go through the machine. */
  final void drive(Machine m) {
    while (true) {
      Object[] args = next(m);
      if (args == null) {
        return;
      }
      if (fn instanceof Primitive p) {
        accept(p.call(args));
      } else {
        m.push(this);
        m.apply(fn, args);
        return;
      }
    }
  }

  @Override
  public final void resume(Machine m) {
    accept(m.value());
    drive(m);
  }
}
