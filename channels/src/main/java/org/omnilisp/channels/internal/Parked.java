package org.omnilisp.channels.internal;

import org.omnilisp.channels.api.Waiter;

/** A parked offer: a sender (with its value) or a receiver (value null). */
record Parked(Object value, Waiter waiter, int clause) {}
