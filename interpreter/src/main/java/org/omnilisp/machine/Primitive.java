package org.omnilisp.machine;

import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Procedure;

/**
 * A procedure written in Java that computes its result directly and never suspends. Fixed-arity
 * entry points ({@code fn1}, {@code fn2}) avoid building an argument array on hot paths.
 */
public final class Primitive extends Procedure {
  /** A primitive of any number of arguments (already checked against the arity). */
  @FunctionalInterface
  public interface FnN {
    Object apply(Object[] args);
  }

  @FunctionalInterface
  public interface Fn0 {
    Object apply();
  }

  @FunctionalInterface
  public interface Fn1 {
    Object apply(Object a);
  }

  @FunctionalInterface
  public interface Fn2 {
    Object apply(Object a, Object b);
  }

  @FunctionalInterface
  public interface Fn3 {
    Object apply(Object a, Object b, Object c);
  }

  private final String name;
  private final int min;
  private final int max;
  private final FnN fnN;
  private final Fn1 fn1;
  private final Fn2 fn2;
  private final int fixnum2;

  private Primitive(String name, int min, int max, FnN fnN, Fn1 fn1, Fn2 fn2, int fixnum2) {
    this.name = name;
    this.min = min;
    this.max = max;
    this.fnN = fnN;
    this.fn1 = fn1;
    this.fn2 = fn2;
    this.fixnum2 = fixnum2;
  }

  private Primitive(String name, int min, int max, FnN fnN, Fn1 fn1, Fn2 fn2) {
    this(name, min, max, fnN, fn1, fn2, Fixnum2.NONE);
  }

  /**
   * This primitive, also computed in place by calls with two fixnum operands ({@code op} is one of
   * the {@link Fixnum2} constants and must agree with {@code fn2}).
   */
  public Primitive withFixnum2(int op) {
    return new Primitive(name, min, max, fnN, fn1, fn2, op);
  }

  /** The {@link Fixnum2} operation of this primitive, or {@link Fixnum2#NONE}. */
  int fixnum2() {
    return fixnum2;
  }

  public static Primitive of0(String name, Fn0 f) {
    return new Primitive(name, 0, 0, args -> f.apply(), null, null);
  }

  public static Primitive of1(String name, Fn1 f) {
    return new Primitive(name, 1, 1, args -> f.apply(args[0]), f, null);
  }

  public static Primitive of2(String name, Fn2 f) {
    return new Primitive(name, 2, 2, args -> f.apply(args[0], args[1]), null, f);
  }

  public static Primitive of3(String name, Fn3 f) {
    return new Primitive(name, 3, 3, args -> f.apply(args[0], args[1], args[2]), null, null);
  }

  /** {@code max < 0} means any number from {@code min} up. */
  public static Primitive ofN(String name, int min, int max, FnN f) {
    return new Primitive(name, min, max, f, null, null);
  }

  /** A variadic primitive with a fast two-argument path (for {@code +}, {@code <}, ...). */
  public static Primitive ofN(String name, int min, int max, FnN f, Fn2 two) {
    return new Primitive(name, min, max, f, null, two);
  }

  /** A variadic primitive with a fast one-argument path. */
  public static Primitive ofN(String name, int min, int max, FnN f, Fn1 one) {
    return new Primitive(name, min, max, f, one, null);
  }

  @Override
  public String name() {
    return name;
  }

  public Object call(Object[] args) {
    int n = args.length;
    if (n < min || (max >= 0 && n > max)) {
      throw Errors.arity(name, Errors.arityText(min, max), n);
    }
    return fnN.apply(args);
  }

  public Object call1(Object a) {
    return fn1 != null ? fn1.apply(a) : call(new Object[] {a});
  }

  public Object call2(Object a, Object b) {
    return fn2 != null ? fn2.apply(a, b) : call(new Object[] {a, b});
  }
}
