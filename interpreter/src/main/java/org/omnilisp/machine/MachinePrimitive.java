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

  private final String name;
  private final int min;
  private final int max;
  private final Body body;

  public MachinePrimitive(String name, int min, int max, Body body) {
    this.name = name;
    this.min = min;
    this.max = max;
    this.body = body;
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
