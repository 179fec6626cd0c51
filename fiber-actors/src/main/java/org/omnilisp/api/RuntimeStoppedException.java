package org.omnilisp.api;

/**
 * The runtime stopped (its actor system shut down, or {@link OmniLisp#close} was called) before a
 * Java future of it completed: a channel operation, an {@code eval} or a {@code call}. Calls made
 * after the stop fail with it at once.
 */
public final class RuntimeStoppedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** The exception, with the message {@code runtime stopped}. */
  public RuntimeStoppedException() {
    super("runtime stopped");
  }
}
