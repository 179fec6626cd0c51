package org.omnilisp.machine;

import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Procedure;

/**
 * A procedure written in Java that works on the machine itself: it may call procedures (by pushing
 * frames), yield or park. {@code map}, {@code apply}, {@code resume}, {@code join} and {@code recv}
 * are machine primitives.
 */
public final class MachinePrimitive extends Procedure {
  /** The body: leave a value in {@code m.value}, or jump, push frames, or park. */
  @FunctionalInterface
  public interface Body {
    void invoke(Machine m, Object[] args);
  }

  /**
   * A fast path for one argument that needs no machine: returns the result, or {@link #SLOW} having
   * done nothing (then the body runs, and may park).
   */
  @FunctionalInterface
  public interface Fast1 {
    Object apply(Machine m, Object arg);
  }

  /** What a fast path returns when the call needs the machine after all. */
  public static final Object SLOW = new Object();

  private final String name;
  private final int min;
  private final int max;
  private final Body body;
  private final Fast1 fast1;

  public MachinePrimitive(String name, int min, int max, Body body) {
    this(name, min, max, body, null);
  }

  /** A one-argument machine primitive with a fast path (e.g. an uncontended mutex-lock!). */
  public MachinePrimitive(String name, Body body, Fast1 fast1) {
    this(name, 1, 1, body, fast1);
  }

  private MachinePrimitive(String name, int min, int max, Body body, Fast1 fast1) {
    this.name = name;
    this.min = min;
    this.max = max;
    this.body = body;
    this.fast1 = fast1;
  }

  Fast1 fast1() {
    return fast1;
  }

  @Override
  public String name() {
    return name;
  }

  void invoke(Machine m, Object[] args) {
    int n = args.length;
    if (n < min || (max >= 0 && n > max)) {
      throw Errors.arity(name, Errors.arityText(min, max), n);
    }
    body.invoke(m, args);
  }
}
