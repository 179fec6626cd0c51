package org.omnilisp.machine;

/** Completes a park: resumes the machine with a value, or raises an error in it. */
public interface Waker {
  void wake(Object value);

  /**
   * Asks, before a {@link #wake} or {@link #fail}, whether the waiter still takes it: false when it
   * no longer does (a {@code select} whose other clause has won), and the caller then keeps what it
   * would have delivered (received bytes stay with the socket, an accepted connection stays queued)
   * and calls neither. After a true answer, exactly one of them must follow.
   */
  default boolean claim() {
    return true;
  }

  void fail(Object error);
}
