package org.omnilisp.fibers;

import org.omnilisp.channels.api.ChannelHandle;
import org.omnilisp.lang.Printable;

/** The Lisp value of a channel: a handle on its channel actor, printed as {@code #<channel N>}. */
public final class LispChannel implements Printable {
  final ChannelHandle handle;
  private final java.util.function.BiFunction<String, Object, Object> outgoing;

  LispChannel(ChannelHandle handle) {
    this.handle = handle;
    this.outgoing = null;
  }

  private LispChannel(
      ChannelHandle handle, java.util.function.BiFunction<String, Object, Object> outgoing) {
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

  @Override
  public String printForm() {
    return "#<channel " + handle.id() + ">";
  }
}
