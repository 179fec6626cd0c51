package org.omnilisp.lang;

/**
 * The Java exception that carries a raised Lisp value through primitives to the machine. It is
 * stackless: raising is control flow, not a bug.
 */
public final class LispThrow extends RuntimeException {
  private final transient Object payload;
  private final transient CallTrace trace;

  public LispThrow(Object payload) {
    this(payload, null);
  }

  /** An uncaught raise leaving a machine, with where it happened (or null). */
  public LispThrow(Object payload, CallTrace trace) {
    super(null, null, false, false);
    this.payload = payload;
    this.trace = trace;
  }

  public Object payload() {
    return payload;
  }

  /** Where the raise happened and its call chain, when it left a machine uncaught; else null. */
  public CallTrace trace() {
    return trace;
  }

  @Override
  public String getMessage() {
    return payload instanceof ErrorObject e ? e.message() : Printer.write(payload);
  }
}
