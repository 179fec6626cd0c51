package org.omnilisp.channels.internal;

/** The model check on a buffered channel: buffer room, a parked sender refilling it, close. */
public final class BufferedLincheckTest extends ChannelCoreLincheck {
  public BufferedLincheckTest() {}

  @Override
  int capacity() {
    return 1;
  }
}
