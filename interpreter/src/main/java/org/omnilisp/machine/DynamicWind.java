package org.omnilisp.machine;

import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Procedure;

/**
 * {@code (dynamic-wind before thunk after)} (R7RS 6.10): {@code before}, then {@code thunk} under a
 * {@link Wind} frame that runs {@code after} when the thunk returns or an error unwinds through it
 * (cancellation included). A continuation that leaves or re-enters the extent runs {@code after} or
 * {@code before} (see {@link Continuation}). Parking or yielding inside leaves nothing.
 */
public final class DynamicWind {
  private DynamicWind() {}

  public static void call(Machine m, Object[] args) {
    for (Object a : args) {
      if (!(a instanceof Procedure)) {
        throw Errors.wrongType("dynamic-wind", "a procedure", a);
      }
    }
    m.interp.noteWinder();
    m.push(new Enter(args[0], args[1], args[2]));
    m.apply(args[0], Machine.NO_ARGS);
  }

  /** After {@code before}: the thunk runs inside the extent. */
  private static final class Enter extends Frame {
    private final Object before;
    private final Object thunk;
    private final Object after;

    Enter(Object before, Object thunk, Object after) {
      this.before = before;
      this.thunk = thunk;
      this.after = after;
    }

    @Override
    public void resume(Machine m) {
      m.push(new Wind(before, after, m.params));
      m.apply(thunk, Machine.NO_ARGS);
    }
  }

  /** The extent of a {@code dynamic-wind}'s thunk. */
  private static final class Wind extends Frame implements Winder {
    private final Object before;
    private final Object after;
    private final ParamBinding params;

    Wind(Object before, Object after, ParamBinding params) {
      this.before = before;
      this.after = after;
      this.params = params;
    }

    @Override
    public void resume(Machine m) {
      m.push(new ValueAgain(m.value));
      m.params = params;
      m.apply(after, Machine.NO_ARGS);
    }

    @Override
    public boolean unwind(Machine m, Object payload) {
      m.push(new RaiseAgain(payload));
      m.params = params;
      m.node = new Machine.StartNode((Procedure) after, Machine.NO_ARGS);
      return true;
    }

    @Override
    public void windOut(Machine m) {
      m.params = params;
      m.node = new Machine.StartNode((Procedure) after, Machine.NO_ARGS);
    }

    @Override
    public void windIn(Machine m) {
      m.params = params;
      m.node = new Machine.StartNode((Procedure) before, Machine.NO_ARGS);
    }
  }

  /** After the after-thunk of a normal exit: the thunk's value again. */
  static final class ValueAgain extends Frame {
    private final Object value;

    ValueAgain(Object value) {
      this.value = value;
    }

    @Override
    public void resume(Machine m) {
      m.value = value;
    }
  }

  /** After the after-thunk of an exit by error: the error goes on. */
  static final class RaiseAgain extends Frame {
    private final Object payload;

    RaiseAgain(Object payload) {
      this.payload = payload;
    }

    @Override
    public void resume(Machine m) {
      throw new LispThrow(payload);
    }
  }
}
