package org.omnilisp.channels.internal;

import org.omnilisp.channels.api.Waiter;

/**
 * Claims two waiters together, all or nothing (the protocol is described on {@link Waiter}): lock
 * the one of smaller {@link Waiter#order()} BUSY, claim the other, then commit or release the lock.
 */
final class Pair {
  enum Result {
    /** Both claimed: the caller completes both. */
    BOTH,
    /** The first argument was claimed elsewhere (the second is untouched). */
    FIRST_LOST,
    /** The second argument was claimed elsewhere (the first is untouched). */
    SECOND_LOST,
    /** One of them is BUSY in another channel: try again later (both untouched). */
    BUSY
  }

  private Pair() {}

  static Result claim(Waiter first, Waiter second) {
    boolean firstLocks = first.order() < second.order();
    Waiter locked = firstLocks ? first : second;
    Waiter other = firstLocks ? second : first;
    Result lockedLost = firstLocks ? Result.FIRST_LOST : Result.SECOND_LOST;
    Result otherLost = firstLocks ? Result.SECOND_LOST : Result.FIRST_LOST;
    switch (locked.tryLock()) {
      case LOST:
        return lockedLost;
      case BUSY:
        return Result.BUSY;
      default:
        break;
    }
    switch (other.tryClaim()) {
      case WON:
        locked.commit();
        return Result.BOTH;
      case LOST:
        locked.release();
        return otherLost;
      default:
        locked.release();
        return Result.BUSY;
    }
  }
}
