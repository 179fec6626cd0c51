package org.omnilisp.channels.internal;

/**
 * The model check on a channel of capacity 2: the core's inline ring wraps around (its head moves
 * past the end of a two-slot array) while parked senders refill it and close races with both.
 */
public final class RingLincheckTest extends ChannelCoreLincheck {
  public RingLincheckTest() {}

  @Override
  int capacity() {
    return 2;
  }
}
