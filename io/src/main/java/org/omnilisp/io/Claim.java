package org.omnilisp.io;

import java.util.concurrent.atomic.AtomicInteger;
import org.omnilisp.machine.IoSupport;
import org.omnilisp.machine.Waker;

/**
 * One pending socket operation's three-state claim (pending, done, canceled): the actor that
 * completes it and a cancel race for it, and exactly one wins. A completion that loses leaves what
 * it carried with the actor (received bytes stay stashed, an accepted connection stays queued).
 */
final class Claim {
  private static final int PENDING = 0;
  private static final int DONE = 1;
  private static final int CANCELED = 2;

  private final AtomicInteger state = new AtomicInteger();
  private final Waker waker;
  private final IoSupport io;
  final String op;

  Claim(Waker waker, IoSupport io, String op) {
    this.waker = waker;
    this.io = io;
    this.op = op;
    io.waitStarted();
  }

  boolean isPending() {
    return state.get() == PENDING;
  }

  boolean complete(Object value) {
    if (!take()) {
      return false;
    }
    waker.wake(value);
    return true;
  }

  boolean fail(Object error) {
    if (!take()) {
      return false;
    }
    waker.fail(error);
    return true;
  }

  /**
   * Wins the claim for a completion, and asks the waiter whether it still takes one ({@link
   * Waker#claim}: a select that another clause won does not): false leaves the value with the
   * caller.
   */
  private boolean take() {
    if (!state.compareAndSet(PENDING, DONE)) {
      return false;
    }
    io.waitEnded();
    return waker.claim();
  }

  boolean cancel() {
    if (!state.compareAndSet(PENDING, CANCELED)) {
      return false;
    }
    io.waitEnded();
    return true;
  }
}
