package org.omnilisp.machine;

import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Procedure;

/**
 * {@code make-parameter} and the run-time half of {@code parameterize} (R7RS 4.2.6): the values are
 * passed through the parameters' converters one after another (each may call back into Lisp), then
 * the body runs with the new bindings in the machine's {@code params} register, which a {@link
 * Restore} frame puts back on every exit (return or error; a continuation carries its own).
 */
public final class Parameterize {
  private Parameterize() {}

  /** {@code (make-parameter value [converter])}. */
  public static void makeParameter(Machine m, Object[] args) {
    if (args.length == 1) {
      m.value = new Parameter(args[0], null);
      return;
    }
    Object converter = args[1];
    if (!(converter instanceof Procedure)) {
      throw Errors.wrongType("make-parameter", "a procedure", converter);
    }
    m.push(new Made(converter));
    m.apply(converter, new Object[] {args[0]});
  }

  /** {@code (%parameterize params values thunk)}: params and values as arrays of equal length. */
  public static void run(Machine m, Object[] params, Object[] values, Object thunk) {
    Parameter[] ps = new Parameter[params.length];
    for (int i = 0; i < ps.length; i++) {
      if (!(params[i] instanceof Parameter p)) {
        throw Errors.wrongType("parameterize", "a parameter", params[i]);
      }
      ps[i] = p;
    }
    step(m, ps, values, 0, m.params, thunk);
  }

  private static void step(
      Machine m, Parameter[] ps, Object[] values, int i, ParamBinding acc, Object thunk) {
    while (i < ps.length && ps[i].converter() == null) {
      acc = new ParamBinding(ps[i], values[i], acc);
      i++;
    }
    if (i == ps.length) {
      m.push(new Restore(m.params));
      m.params = acc;
      m.apply(thunk, Machine.NO_ARGS);
      return;
    }
    m.push(new Convert(ps, values, i, acc, thunk));
    m.apply(ps[i].converter(), new Object[] {values[i]});
  }

  private static final class Made extends Frame {
    private final Object converter;

    Made(Object converter) {
      this.converter = converter;
    }

    @Override
    public void resume(Machine m) {
      m.value = new Parameter(m.value, converter);
    }
  }

  private static final class Convert extends Frame {
    private final Parameter[] ps;
    private final Object[] values;
    private final int index;
    private final ParamBinding acc;
    private final Object thunk;

    Convert(Parameter[] ps, Object[] values, int index, ParamBinding acc, Object thunk) {
      this.ps = ps;
      this.values = values;
      this.index = index;
      this.acc = acc;
      this.thunk = thunk;
    }

    @Override
    public void resume(Machine m) {
      step(m, ps, values, index + 1, new ParamBinding(ps[index], m.value, acc), thunk);
    }
  }

  /** Puts the bindings outside a {@code parameterize} back when its body ends. */
  private static final class Restore extends Frame {
    private final ParamBinding saved;

    Restore(ParamBinding saved) {
      this.saved = saved;
    }

    @Override
    public void resume(Machine m) {
      m.params = saved;
    }

    @Override
    public boolean unwind(Machine m, Object payload) {
      m.params = saved;
      return false;
    }
  }
}
