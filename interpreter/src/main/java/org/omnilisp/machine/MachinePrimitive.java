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

  /**
   * A fast path for any number of arguments (already checked against the arity), tried only by code
   * running in direct style ({@link Direct}): returns the result, or {@link #SLOW} having done
   * nothing the body would not find done (then the call suspends to the machine and the body runs).
   */
  @FunctionalInterface
  public interface FastN {
    Object apply(Machine m, Object[] args);
  }

  /** What a fast path returns when the call needs the machine after all. */
  public static final Object SLOW = new Object();

  private final String name;
  private final int min;
  private final int max;
  private final Body body;
  private final Fast1 fast1;
  private final FastN fastN;

  public MachinePrimitive(String name, int min, int max, Body body) {
    this(name, min, max, body, null, null);
  }

  /** A one-argument machine primitive with a fast path (e.g. an uncontended mutex-lock!). */
  public MachinePrimitive(String name, Body body, Fast1 fast1) {
    this(name, 1, 1, body, fast1, null);
  }

  /** A machine primitive with a fast path for direct-style calls (e.g. spawn, join). */
  public MachinePrimitive(String name, int min, int max, Body body, FastN fastN) {
    this(name, min, max, body, null, fastN);
  }

  /**
   * A machine primitive with both fast paths: {@code fast1} for the machine's calls of one pure
   * operand ({@link FastCall}), {@code fastN} for direct-style calls (e.g. recv).
   */
  public MachinePrimitive(String name, int min, int max, Body body, Fast1 fast1, FastN fastN) {
    this.name = name;
    this.min = min;
    this.max = max;
    this.body = body;
    this.fast1 = fast1;
    this.fastN = fastN;
  }

  Fast1 fast1() {
    return fast1;
  }

  /** Whether a procedure that calls it may run in direct style (see {@link Call#needsMachine}). */
  boolean runsInDirectStyle() {
    return fastN != null;
  }

  /**
   * A call of this primitive from direct style ({@link Direct#call}): its fast path's result, or
   * {@link #SLOW} when there is none, the arity does not fit, or the path declines.
   */
  Object tryFast(Machine m, Object[] args) {
    int n = args.length;
    if (n < min || (max >= 0 && n > max)) {
      return SLOW; // the body raises the arity error
    }
    if (fastN != null) {
      return fastN.apply(m, args);
    }
    if (fast1 != null && n == 1) {
      return fast1.apply(m, args[0]);
    }
    return SLOW;
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
