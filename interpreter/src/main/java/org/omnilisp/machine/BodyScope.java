package org.omnilisp.machine;

/**
 * A structured scope whose body runs on a machine (the runtime's {@code with-fibers}; opaque to the
 * interpreter otherwise). When it must stop its body, every park in the body raises {@code
 * canceled}, and a park the body is already in is withdrawn ({@link Machine#withdrawParkIn}).
 */
public interface BodyScope {
  /** Whether code running in this scope (or in a scope around it) must stop at its next park. */
  boolean stopsBody();

  /** Whether this scope is {@code other} or lies inside it. */
  boolean isWithin(BodyScope other);

  /** Whether {@code m} runs this scope's body (rather than a fiber that belongs to the scope). */
  boolean isBodyOf(Machine m);
}
