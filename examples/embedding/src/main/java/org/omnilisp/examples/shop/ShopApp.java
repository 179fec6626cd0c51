package org.omnilisp.examples.shop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Sink;
import org.omnilisp.api.FiberBehavior;
import org.omnilisp.api.OmniLisp;
import org.omnilisp.api.SharedChannel;

/**
 * A Pekko application in which Java actors and Lisp fibers work together through channels: an
 * {@link OrderFeeder} actor writes orders, fibers of {@code pipeline.omni} price them (asking the
 * {@link TaxOffice} actor) and sum them, and the grand total comes back as a Pekko Streams source.
 */
public final class ShopApp {
  static final int ORDERS = 1000;

  private ShopApp() {}

  public static void main(String[] args) throws IOException {
    org.slf4j.LoggerFactory.getILoggerFactory(); // start logging before Pekko logs from its threads
    CompletableFuture<List<?>> summary = new CompletableFuture<>();
    ActorSystem<Void> system = ActorSystem.create(guardian(loadPipeline(), summary), "shop");
    try {
      List<?> result = summary.orTimeout(60, TimeUnit.SECONDS).join();
      System.out.println("orders: " + result.get(0) + ", total with tax: " + result.get(1));
    } finally {
      system.terminate();
    }
  }

  static Behavior<Void> guardian(String pipeline, CompletableFuture<List<?>> summary) {
    return Behaviors.setup(
        context -> {
          ActorSystem<Void> system = context.getSystem();
          // tag::runtime[]
          OmniLisp lisp = OmniLisp.get(system); // the runtime of this actor system (a Pekko extension)
          ActorRef<TaxOffice.Quote> office = context.spawn(TaxOffice.create(110), "tax-office");
          lisp.defineAsync( // an async Java procedure: the calling fiber parks until the reply
              "tax", 1, 1, args -> TaxOffice.ask(office, (Long) args.get(0), system));
          SharedChannel orders = lisp.channel(16); // channels are actors of `system`
          SharedChannel totals = lisp.channel(1);
          lisp.define("orders", orders);
          lisp.define("totals", totals);
          // end::runtime[]

          // tag::spawn[]
          context.spawn(OrderFeeder.create(orders, ORDERS), "feeder");
          context.spawn(FiberBehavior.ofScript(lisp, pipeline), "pipeline");
          totals
              .source() // a channel is also a Pekko Streams Source
              .runWith(Sink.head(), system)
              .thenAccept(total -> summary.complete((List<?>) total));
          // end::spawn[]
          return Behaviors.empty();
        });
  }

  static String loadPipeline() throws IOException {
    try (InputStream in = ShopApp.class.getResourceAsStream("/pipeline.omni")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
