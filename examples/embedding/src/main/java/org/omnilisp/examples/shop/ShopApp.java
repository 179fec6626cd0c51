package org.omnilisp.examples.shop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.omnilisp.api.FiberBehavior;
import org.omnilisp.api.OmniLisp;

/**
 * A Pekko application in which Java actors feed a Lisp fiber pipeline through channels: an
 * {@link OrderFeeder} actor writes orders, fibers of {@code pipeline.omni} price and sum them, and
 * the application reads the grand total from another channel.
 */
public final class ShopApp {
  static final int ORDERS = 1000;

  private ShopApp() {}

  public static void main(String[] args) throws IOException {
    org.slf4j.LoggerFactory.getILoggerFactory(); // start logging before Pekko logs from its threads
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "shop");
    try {
      List<?> summary = run(system, loadPipeline());
      System.out.println("orders: " + summary.get(0) + ", total with tax: " + summary.get(1));
    } finally {
      system.terminate();
    }
  }

  static List<?> run(ActorSystem<Void> system, String pipeline) {
    // tag::runtime[]
    OmniLisp lisp = OmniLisp.get(system); // the runtime of this actor system (a Pekko extension)
    lisp.define("tax", 1, 1, args -> (Long) args.get(0) * 110 / 100); // a Java procedure
    Object orders = lisp.channel(16); // channels are actors of `system`
    Object totals = lisp.channel(1);
    lisp.define("orders", orders);
    lisp.define("totals", totals);
    // end::runtime[]

    // tag::spawn[]
    system.systemActorOf(OrderFeeder.create(OmniLisp.handle(orders), ORDERS), "feeder", Props.empty());
    system.systemActorOf(FiberBehavior.ofScript(lisp, pipeline), "pipeline", Props.empty());
    CompletableFuture<Optional<Object>> total = OmniLisp.handle(totals).recv().toCompletableFuture();
    Object summary = total.orTimeout(60, TimeUnit.SECONDS).join().orElseThrow();
    // end::spawn[]
    return (List<?>) summary;
  }

  static String loadPipeline() throws IOException {
    try (InputStream in = ShopApp.class.getResourceAsStream("/pipeline.omni")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
