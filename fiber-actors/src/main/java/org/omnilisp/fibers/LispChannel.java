package org.omnilisp.fibers;

import org.omnilisp.channels.api.ChannelHandle;
import org.omnilisp.lang.Printable;

/** The Lisp value of a channel: a handle on its channel actor, printed as {@code #<channel N>}. */
public final class LispChannel implements Printable {
  final ChannelHandle handle;
  private final FiberRuntime runtime; // null for a channel of another node
  private final java.util.function.BiFunction<String, Object, Object> outgoing;

  LispChannel(FiberRuntime runtime, ChannelHandle handle) {
    this.runtime = runtime;
    this.handle = handle;
    this.outgoing = null;
  }

  private LispChannel(
      ChannelHandle handle, java.util.function.BiFunction<String, Object, Object> outgoing) {
    this.runtime = null;
    this.handle = handle;
    this.outgoing = outgoing;
  }

  /**
   * A channel of another node (the cluster module): {@code outgoing.apply(op, value)} checks and
   * converts every value sent on it, in the sending fiber, and throws the error to raise.
   */
  public static LispChannel remote(
      ChannelHandle handle, java.util.function.BiFunction<String, Object, Object> outgoing) {
    return new LispChannel(handle, java.util.Objects.requireNonNull(outgoing));
  }

  /** A value about to be sent by {@code op}, as it goes on the channel (the same when local). */
  Object outgoing(String op, Object value) {
    return outgoing == null ? value : outgoing.apply(op, value);
  }

  /** The channel actor's handle, for Java code that shares the channel with Lisp fibers. */
  public ChannelHandle handle() {
    return handle;
  }

  /** The runtime that made this channel, or null for a channel of another node. */
  public FiberRuntime runtime() {
    return runtime;
  }

  /**
   * The handle, given to Java code: from now on, while the channel is open, the deadlock detector
   * counts it as a possible waker (Java may send to it or receive from it at any time).
   */
  public ChannelHandle shareWithJava() {
    if (runtime != null) {
      runtime.sharedWithJava(handle);
    }
    return handle;
  }

  @Override
  public String printForm() {
    return "#<channel " + handle.id() + ">";
  }
}
