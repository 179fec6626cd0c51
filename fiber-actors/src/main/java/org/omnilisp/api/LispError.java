package org.omnilisp.api;

import org.omnilisp.lang.CallTrace;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Errors;

/** A Lisp error (or any raised value) that reached Java code uncaught. */
public final class LispError extends RuntimeException {
  private final transient Object payload;
  private final transient CallTrace trace;

  /**
   * An error for a raised value whose position and call chain are not known.
   *
   * @param payload the raised value
   */
  public LispError(Object payload) {
    this(payload, null);
  }

  /**
   * With where the raise happened and its Lisp call chain (null when not known).
   *
   * @param payload the raised value
   * @param trace where it was raised and the call chain, or null
   */
  LispError(Object payload, CallTrace trace) {
    super(Errors.report(payload), payload instanceof ErrorObject e ? e.cause() : null);
    this.payload = payload;
    this.trace = trace;
  }

  /**
   * Where the raise happened and its call chain, or null.
   *
   * @return the trace, or null
   */
  CallTrace trace() {
    return trace;
  }

  /**
   * The raised value: usually an error object.
   *
   * @return the Lisp value that was raised
   */
  public Object payload() {
    return payload;
  }
}
