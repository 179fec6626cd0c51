package org.omnilisp.channels.internal;

/**
 * What a channel's handle reads without asking the actor. The closed flag is set by the handle
 * right after it enqueues {@code Close} (so {@code closed?} after {@code close} is true at once in
 * the closing thread) and by the actor when it processes a {@code Close} sent by anyone else.
 *
 * <p>A local channel's {@link ChannelCore} is its own state (one object less per channel); a remote
 * channel's proxy keeps one of these.
 */
public class ChannelState {
  private volatile boolean closed;

  public boolean isClosed() {
    return closed;
  }

  public void markClosed() {
    closed = true;
  }
}
