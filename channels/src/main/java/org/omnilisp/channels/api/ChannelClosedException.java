package org.omnilisp.channels.api;

/** A send met a closed channel. The message is the language's: {@code send: channel is closed}. */
public final class ChannelClosedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The exception of a send to a closed channel. */
  public ChannelClosedException() {
    super("send: channel is closed");
  }
}
