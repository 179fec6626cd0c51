package org.omnilisp.fibers;

import org.omnilisp.channels.api.ChannelHandle;
import org.omnilisp.lang.Printable;

/** The Lisp value of a channel: a handle on its channel actor, printed as {@code #<channel N>}. */
public final class LispChannel implements Printable {
  final ChannelHandle handle;

  LispChannel(ChannelHandle handle) {
    this.handle = handle;
  }

  /** The channel actor's handle, for Java code that shares the channel with Lisp fibers. */
  public ChannelHandle handle() {
    return handle;
  }

  @Override
  public String printForm() {
    return "#<channel " + handle.id() + ">";
  }
}
