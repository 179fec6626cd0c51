package org.omnilisp.api;

import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Errors;

/** A Lisp error (or any raised value) that reached Java code uncaught. */
public final class LispError extends RuntimeException {
  private final transient Object payload;

  public LispError(Object payload) {
    super(Errors.report(payload), payload instanceof ErrorObject e ? e.cause() : null);
    this.payload = payload;
  }

  /** The raised value: usually an error object. */
  public Object payload() {
    return payload;
  }
}
