package org.omnilisp.channels.internal;

import org.omnilisp.channels.api.Waiter;

/** A parked offer: a sender (with its value) or a receiver (value null). */
final class Parked {
  private final Object value;
  private final Waiter waiter;
  private final int clause;

  Parked(Object value, Waiter waiter, int clause) {
    this.value = value;
    this.waiter = waiter;
    this.clause = clause;
  }

  Object value() {
    return value;
  }

  Waiter waiter() {
    return waiter;
  }

  int clause() {
    return clause;
  }
}
