package org.omnilisp.api;

import org.omnilisp.lang.CallTrace;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Errors;

/** A Lisp error (or any raised value) that reached Java code uncaught. */
public final class LispError extends RuntimeException {
  private final transient Object payload;
  private final transient CallTrace trace;

  public LispError(Object payload) {
    this(payload, null);
  }

  /** With where the raise happened and its Lisp call chain (null when not known). */
  public LispError(Object payload, CallTrace trace) {
    super(Errors.report(payload), payload instanceof ErrorObject e ? e.cause() : null);
    this.payload = payload;
    this.trace = trace;
  }

  /** Where the raise happened and its call chain, or null. */
  public CallTrace trace() {
    return trace;
  }

  /** The raised value: usually an error object. */
  public Object payload() {
    return payload;
  }
}
