package org.omnilisp.fibers;

import org.omnilisp.channels.api.ChannelHandle;
import org.omnilisp.lang.Printable;

/** The Lisp value of a channel: a handle on its channel actor, printed as {@code #<channel N>}. */
public final class LispChannel implements Printable {
  final ChannelHandle handle;
  private final FiberRuntime runtime;

  LispChannel(FiberRuntime runtime, ChannelHandle handle) {
    this.runtime = runtime;
    this.handle = handle;
  }

  /** The channel actor's handle, for Java code that shares the channel with Lisp fibers. */
  public ChannelHandle handle() {
    return handle;
  }

  /** The runtime that made this channel. */
  public FiberRuntime runtime() {
    return runtime;
  }

  /**
   * The handle, given to Java code: from now on, while the channel is open, the deadlock detector
   * counts it as a possible waker (Java may send to it or receive from it at any time).
   */
  public ChannelHandle shareWithJava() {
    runtime.sharedWithJava(handle);
    return handle;
  }

  @Override
  public String printForm() {
    return "#<channel " + handle.id() + ">";
  }
}
