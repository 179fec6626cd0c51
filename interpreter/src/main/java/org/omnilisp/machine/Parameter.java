package org.omnilisp.machine;

import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Printable;

/**
 * A parameter object of {@code make-parameter} (R7RS 4.2.6). Calling it gives the value the
 * innermost {@code parameterize} of the running code gave it, else its initial value. The bindings
 * are the machine's {@code params} register, which coroutines, spawned fibers and continuations
 * carry with them.
 */
public final class Parameter extends ControlProcedure implements Printable {
  private final Object initial;
  private final Object converter;

  /** {@code initial} is already converted; {@code converter} is a procedure or null. */
  public Parameter(Object initial, Object converter) {
    this.initial = initial;
    this.converter = converter;
  }

  /** The converter, or null. */
  public Object converter() {
    return converter;
  }

  @Override
  void invoke(Machine m, Object[] args) {
    if (args.length != 0) {
      throw Errors.arity("parameter", "0 arguments", args.length);
    }
    m.value = valueIn(m);
  }

  /** The value this parameter has for the code running on {@code m}. */
  public Object valueIn(Machine m) {
    for (ParamBinding b = m.params; b != null; b = b.next()) {
      if (b.param() == this) {
        return b.value();
      }
    }
    return initial;
  }

  /**
   * Binds this parameter to {@code value} for the code running on {@code m} from now on, as a
   * {@code parameterize} body would see it (no converter runs); returns the bindings to put back
   * with {@link #restore}.
   */
  public Object bindIn(Machine m, Object value) {
    ParamBinding saved = m.params;
    m.params = new ParamBinding(this, value, saved);
    return saved;
  }

  /** Puts back the bindings {@link #bindIn} returned. */
  public static void restore(Machine m, Object saved) {
    m.params = (ParamBinding) saved;
  }

  @Override
  public String name() {
    return "parameter";
  }

  @Override
  public String printForm() {
    return "#<parameter>";
  }
}
