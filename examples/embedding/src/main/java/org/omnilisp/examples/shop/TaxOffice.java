package org.omnilisp.examples.shop;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** A plain Java actor that answers tax questions; Lisp asks it through an async procedure. */
final class TaxOffice {
  private TaxOffice() {}

  /** What an amount costs with tax. */
  record Quote(long amount, ActorRef<Long> replyTo) {}

  static Behavior<Quote> create(long percent) {
    return Behaviors.receiveMessage(
        quote -> {
          quote.replyTo().tell(quote.amount() * percent / 100);
          return Behaviors.same();
        });
  }

  static CompletionStage<Long> ask(ActorRef<Quote> office, long amount, ActorSystem<?> system) {
    return AskPattern.ask(
        office, replyTo -> new Quote(amount, replyTo), Duration.ofSeconds(10), system.scheduler());
  }
}
