package org.omnilisp.lang;

/**
 * The Java exception that carries a raised Lisp value through primitives to the machine. It is
 * stackless: raising is control flow, not a bug.
 */
public final class LispThrow extends RuntimeException {
  private final transient Object payload;

  public LispThrow(Object payload) {
    super(null, null, false, false);
    this.payload = payload;
  }

  public Object payload() {
    return payload;
  }

  @Override
  public String getMessage() {
    return payload instanceof ErrorObject e ? e.message() : Printer.write(payload);
  }
}
