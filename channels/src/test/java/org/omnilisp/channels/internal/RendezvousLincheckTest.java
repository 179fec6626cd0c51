package org.omnilisp.channels.internal;

/** The model check on a rendezvous channel: a fast path meets a parked partner, or nothing. */
public final class RendezvousLincheckTest extends ChannelCoreLincheck {
  public RendezvousLincheckTest() {}

  @Override
  int capacity() {
    return 0;
  }
}
