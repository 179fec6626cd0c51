package org.omnilisp.api;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.omnilisp.channels.api.ChannelHandle;
import org.omnilisp.channels.api.ChannelProtocol;

/**
 * The Java side of a channel that Lisp fibers use: the same channel actor, the same guarantees (no
 * value lost or delivered twice, per-sender order). Values are converted on the way in ({@link
 * Values#toLisp}) and out ({@link Values#toJava}). Thread-safe; usable from any actor or thread.
 */
public final class SharedChannel {
  private final ChannelHandle handle;

  SharedChannel(ChannelHandle handle) {
    this.handle = handle;
  }

  /**
   * Completes when a receiver (or the buffer) took the value; fails with a {@code
   * ChannelClosedException} if the channel is closed. {@code null} cannot be sent: it is {@code
   * nothing}, which marks a closed channel.
   */
  public CompletionStage<Void> send(Object value) {
    if (value == null) {
      throw new IllegalArgumentException("send: cannot send null (nothing marks a closed channel)");
    }
    return handle.sendAsync(Values.toLisp(value));
  }

  /** The next value, or empty once the channel is closed and drained. */
  public CompletionStage<Optional<Object>> recv() {
    return handle.recvAsync().thenApply(v -> v.map(Values::toJava));
  }

  /** Takes a value only if one is ready now. */
  public CompletionStage<Optional<Object>> tryRecv() {
    return handle.tryRecvAsync().thenApply(v -> v.map(Values::toJava));
  }

  /** Sends only if a receiver or buffer room is ready now. */
  public CompletionStage<Boolean> trySend(Object value) {
    return handle.trySendAsync(Values.toLisp(value));
  }

  public void close() {
    handle.close();
  }

  public boolean isClosed() {
    return handle.isClosed();
  }

  /**
   * The channel actor, for Pekko code that speaks {@link ChannelProtocol} directly (values on that
   * protocol are Lisp values: convert them with {@link Values}). Keep this object too: the actor
   * stops once the channel itself has been garbage collected.
   */
  public ActorRef<ChannelProtocol.Command> ref() {
    return handle.ref();
  }
}
