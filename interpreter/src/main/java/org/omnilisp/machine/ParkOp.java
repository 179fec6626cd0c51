package org.omnilisp.machine;

/**
 * What a parked machine waits for (a channel operation, a timer, a join). The host starts it with a
 * waker; exactly one of {@link Waker#wake} or {@link Waker#fail} is called later, possibly on
 * another thread, possibly before {@code start} returns.
 */
public interface ParkOp {
  void start(Waker waker);

  /**
   * Withdraws the operation because its fiber was canceled (or its with-fibers body stopped).
   * Returns true when it won: the waker will never be called and nothing the operation carried was
   * consumed. False means the completion already happened or is on its way, or an earlier cancel
   * won. It comes after {@code start} has returned, but possibly from another thread (which has
   * seen what {@code start} wrote).
   */
  default boolean cancel() {
    return false;
  }

  /** What the operation waits for, in words (for deadlock reports and fiber listings). */
  String describe();
}
