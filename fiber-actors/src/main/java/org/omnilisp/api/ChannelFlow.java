package org.omnilisp.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.SharedKillSwitch;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A {@code Flow} through Lisp fibers ({@link SharedChannel#flow}): its input side is the sink of
 * one channel, its output side the source of another, coupled so that the flow behaves as one
 * stage: an upstream failure closes the input channel and fails the output at once (a channel
 * cannot carry the error itself); the end of the output (completion or cancellation) cancels the
 * upstream and closes the input channel. Upstream completion only closes the input channel: the
 * output goes on until the fibers close the output channel and it is drained.
 */
final class ChannelFlow {
  private ChannelFlow() {}

  static Flow<Object, Object, NotUsed> of(SharedChannel into, SharedChannel from) {
    return Flow.<Object, Object, NotUsed>fromMaterializer(
            (materializer, attributes) -> {
              SharedKillSwitch input = KillSwitches.shared("omnilisp-channel-flow");
              CompletableFuture<Object> upstreamFailure = new CompletableFuture<>();
              Sink<Object, NotUsed> in =
                  Flow.<Object>create()
                      .via(input.flow())
                      .toMat(Sink.foreachAsync(1, v -> into.send(v)), Keep.right())
                      .mapMaterializedValue(done -> endInput(done, into, upstreamFailure));
              Source<Object, NotUsed> out =
                  from.source()
                      .merge(Source.completionStage(upstreamFailure), true)
                      .watchTermination(
                          (notUsed, end) -> {
                            end.whenComplete((ok, error) -> input.shutdown());
                            return NotUsed.getInstance();
                          });
              return Flow.fromSinkAndSource(in, out);
            })
        .mapMaterializedValue(notUsed -> NotUsed.getInstance());
  }

  /**
   * When the input side ends: first fails {@code failure} (which otherwise never completes) if the
   * upstream failed, then closes {@code into}. In this order, the failure reaches the output before
   * the fibers can react to the close by closing the output channel (which would complete it).
   */
  private static NotUsed endInput(
      CompletionStage<Done> done, SharedChannel into, CompletableFuture<Object> failure) {
    done.whenComplete(
        (ok, error) -> {
          if (error instanceof CompletionException wrapped && wrapped.getCause() != null) {
            failure.completeExceptionally(wrapped.getCause()); // the upstream's own error
          } else if (error != null) {
            failure.completeExceptionally(error);
          }
          into.close();
        });
    return NotUsed.getInstance();
  }
}
