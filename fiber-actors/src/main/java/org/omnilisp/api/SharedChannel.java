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
import org.omnilisp.fibers.LispChannel;

/**
 * The Java side of a channel that Lisp fibers use: the same channel actor, the same guarantees (no
 * value lost or delivered twice, per-sender order). Values are converted on the way in ({@link
 * Values#toLisp}) and out ({@link Values#toJava}). Thread-safe; usable from any actor or thread.
 *
 * <p>This is also what a Lisp channel value becomes when it reaches Java ({@link Values#toJava}: an
 * {@code eval} result, a Java procedure's argument), and it turns back into the same Lisp channel
 * when Java passes it to Lisp ({@link OmniLisp#define(String, Object)}, {@link OmniLisp#call},
 * {@link Values#toLisp}). Two handles of the same channel are equal.
 */
public final class SharedChannel {
  private final LispChannel channel;
  private final ChannelHandle handle;
  private final FiberRuntime runtime;

  SharedChannel(LispChannel channel) {
    this.channel = channel;
    this.handle = channel.shareWithJava();
    this.runtime = channel.runtime();
  }

  /** The Lisp channel this handle stands for. */
  LispChannel channel() {
    return channel;
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
   *
   * @param value a Java value (converted with {@link Values#toLisp})
   * @return completes once the value is in the channel
   */
  public CompletionStage<Void> send(Object value) {
    if (value == null) {
      throw new IllegalArgumentException("send: cannot send null (nothing marks a closed channel)");
    }
    return guarded(handle.sendAsync(Values.toLisp(value)));
  }

  /**
   * The next value, or empty once the channel is closed and drained.
   *
   * @return completes with the value received, converted with {@link Values#toJava}
   */
  public CompletionStage<Optional<Object>> recv() {
    return guarded(handle.recvAsync().thenApply(v -> v.map(Values::toJava)));
  }

  /**
   * Takes a value only if one is ready now.
   *
   * @return completes with the value, or empty if none was ready or the channel is closed
   */
  public CompletionStage<Optional<Object>> tryRecv() {
    return guarded(handle.tryRecvAsync().thenApply(v -> v.map(Values::toJava)));
  }

  /**
   * Sends only if a receiver or buffer room is ready now.
   *
   * @param value a Java value (converted with {@link Values#toLisp})
   * @return completes with whether the value was sent
   */
  public CompletionStage<Boolean> trySend(Object value) {
    return guarded(handle.trySendAsync(Values.toLisp(value)));
  }

  /** Closes the channel: parked receivers get {@code nothing}, later sends fail. */
  public void close() {
    handle.close();
  }

  /**
   * Whether the channel is closed.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return handle.isClosed();
  }

  // ---- Pekko Streams --------------------------------------------------------------------------

  /**
   * A {@code Source} of the values received from this channel, with backpressure: a value is taken
   * from the channel only when the stream demands one (so parked Lisp senders stay parked while the
   * stream is slow). The source completes when the channel is closed and drained (buffered values
   * are all emitted first). Each materialization is one more receiver of the channel.
   *
   * @return the source
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
   *
   * @return the sink
   */
  public Sink<Object, CompletionStage<Done>> sink() {
    return Sink.<Object>foreachAsync(1, v -> send(v).thenApply(ok -> null))
        .mapMaterializedValue(done -> done.whenComplete((ok, error) -> close()));
  }

  /**
   * A {@code Flow} through Lisp fibers: elements go into {@code into} (which fibers receive from),
   * and the values fibers send to {@code from} come out, until {@code from} is closed. Completing
   * the upstream closes {@code into}; the flow completes when {@code from} is closed and drained.
   * An upstream failure closes {@code into} and fails the flow's output at once; when the output
   * ends (completed or canceled), the upstream is canceled and {@code into} is closed.
   *
   * @param into the channel the flow's elements go into
   * @param from the channel the flow's output comes from
   * @return the flow
   */
  public static Flow<Object, Object, NotUsed> flow(SharedChannel into, SharedChannel from) {
    return ChannelFlow.of(into, from);
  }

  /**
   * The channel actor, for Pekko code that speaks {@link ChannelProtocol} directly (values on that
   * protocol are Lisp values: convert them with {@link Values}). Keep this object too: the actor
   * stops once the channel itself has been garbage collected.
   *
   * @return the channel actor
   */
  public ActorRef<ChannelProtocol.Command> ref() {
    return handle.ref();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SharedChannel s && s.channel == channel;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(channel);
  }

  /** The channel as Lisp writes it. */
  @Override
  public String toString() {
    return Values.write(channel);
  }
}
