package org.omnilisp.api;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.omnilisp.channels.api.ChannelHandle;
import org.omnilisp.channels.api.ChannelProtocol;
import org.omnilisp.fibers.FiberRuntime;

/**
 * The Java side of a channel that Lisp fibers use: the same channel actor, the same guarantees (no
 * value lost or delivered twice, per-sender order). Values are converted on the way in ({@link
 * Values#toLisp}) and out ({@link Values#toJava}). Thread-safe; usable from any actor or thread.
 */
public final class SharedChannel {
  private final ChannelHandle handle;
  private final FiberRuntime runtime;

  SharedChannel(ChannelHandle handle, FiberRuntime runtime) {
    this.handle = handle;
    this.runtime = runtime;
  }

  /** {@code stage}, failing with {@link RuntimeStoppedException} if the runtime stops first. */
  private <T> CompletionStage<T> guarded(CompletionStage<T> stage) {
    return runtime == null ? stage : runtime.untilStopped(stage, RuntimeStoppedException::new);
  }

  /**
   * Completes when a receiver (or the buffer) took the value; fails with a {@code
   * ChannelClosedException} if the channel is closed, with {@link RuntimeStoppedException} if the
   * runtime stops first. {@code null} cannot be sent: it is {@code nothing}, which marks a closed
   * channel.
   */
  public CompletionStage<Void> send(Object value) {
    if (value == null) {
      throw new IllegalArgumentException("send: cannot send null (nothing marks a closed channel)");
    }
    return guarded(handle.sendAsync(Values.toLisp(value)));
  }

  /** The next value, or empty once the channel is closed and drained. */
  public CompletionStage<Optional<Object>> recv() {
    return guarded(handle.recvAsync().thenApply(v -> v.map(Values::toJava)));
  }

  /** Takes a value only if one is ready now. */
  public CompletionStage<Optional<Object>> tryRecv() {
    return guarded(handle.tryRecvAsync().thenApply(v -> v.map(Values::toJava)));
  }

  /** Sends only if a receiver or buffer room is ready now. */
  public CompletionStage<Boolean> trySend(Object value) {
    return guarded(handle.trySendAsync(Values.toLisp(value)));
  }

  public void close() {
    handle.close();
  }

  public boolean isClosed() {
    return handle.isClosed();
  }

  // ---- Pekko Streams --------------------------------------------------------------------------

  /**
   * A {@code Source} of the values received from this channel, with backpressure: a value is taken
   * from the channel only when the stream demands one (so parked Lisp senders stay parked while the
   * stream is slow). The source completes when the channel is closed and drained (buffered values
   * are all emitted first). Each materialization is one more receiver of the channel.
   */
  public Source<Object, NotUsed> source() {
    return Source.unfoldAsync(
        this, ch -> ch.recv().thenApply(next -> next.map(v -> Pair.create(ch, v))));
  }

  /**
   * A {@code Sink} that sends every element to this channel, one at a time: the stream is
   * backpressured while the channel has no receiver and no buffer room. When the stream completes
   * or fails, the channel is closed (parked receivers get {@code nothing}, as on any close); the
   * materialized stage completes or fails with the stream. An element that cannot be sent (the
   * channel was closed) fails the stream.
   */
  public Sink<Object, CompletionStage<Done>> sink() {
    return Sink.<Object>foreachAsync(1, v -> send(v).thenApply(ok -> null))
        .mapMaterializedValue(done -> done.whenComplete((ok, error) -> close()));
  }

  /**
   * A {@code Flow} through Lisp fibers: elements go into {@code into} (which fibers receive from),
   * and the values fibers send to {@code from} come out, until {@code from} is closed. Completing
   * the upstream closes {@code into}; the flow completes when {@code from} is closed and drained.
   */
  public static Flow<Object, Object, NotUsed> flow(SharedChannel into, SharedChannel from) {
    return Flow.fromSinkAndSource(into.sink(), from.source());
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
