package org.omnilisp.examples.shop;

import java.util.Map;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.omnilisp.api.SharedChannel;

/** A plain Java actor that feeds orders into a channel that Lisp fibers read, then closes it. */
final class OrderFeeder {
  private OrderFeeder() {}

  // tag::feeder[]
  /** Sends order number {@code next} and waits for the channel to accept it (backpressure). */
  record Feed(int next) {}

  static Behavior<Feed> create(SharedChannel orders, int count) {
    return Behaviors.setup(
        context -> {
          context.getSelf().tell(new Feed(0));
          return Behaviors.receive(Feed.class)
              .onMessage(
                  Feed.class,
                  feed -> {
                    if (feed.next() == count) {
                      orders.close();
                      return Behaviors.stopped();
                    }
                    Map<String, Object> order = Map.of("qty", 1 + feed.next() % 3, "price", 10);
                    context.pipeToSelf(
                        orders.send(order), (ok, error) -> new Feed(feed.next() + 1));
                    return Behaviors.same();
                  })
              .build();
        });
  }
  // end::feeder[]
}
