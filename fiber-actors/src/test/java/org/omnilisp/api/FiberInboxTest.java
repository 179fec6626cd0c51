package org.omnilisp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** FiberBehavior.withInbox: actor messages reach the script through a channel. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FiberInboxTest {
  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void everyMessageReachesTheScriptInOrder() {
    OmniLisp lisp = OmniLisp.create(testKit.system(), System.out);
    TestProbe<FiberBehavior.Result> result = testKit.createTestProbe();
    String script =
        "(define (collect acc) (let ((m (recv inbox)))"
            + " (if (equal? m \"done\") (reverse acc) (collect (cons m acc)))))"
            + "(collect '())";
    ActorRef<Object> actor =
        testKit.spawn(FiberBehavior.withInbox(lisp, "collector", script, result.getRef()));
    for (long i = 0; i < 500; i++) {
      actor.tell(i);
    }
    actor.tell("done");
    FiberBehavior.Result r =
        result.expectMessageClass(FiberBehavior.Result.class, Duration.ofSeconds(20));
    java.util.List<?> got = (java.util.List<?>) r.value();
    assertEquals(500, got.size());
    for (int i = 0; i < 500; i++) {
      assertEquals((long) i, got.get(i));
    }
  }

  @Test
  void errorPositionsNameTheScript() {
    OmniLisp lisp = OmniLisp.create(testKit.system(), System.out);
    TestProbe<String> failures = testKit.createTestProbe();
    Behavior<Void> parent =
        Behaviors.setup(
            context -> {
              ActorRef<Object> child =
                  context.spawn(
                      FiberBehavior.withInbox(
                          lisp, "pricing.omni", "(recv inbox)\n (car 42)", null),
                      "pricing");
              context.watch(child);
              child.tell("go");
              return Behaviors.receiveSignal(
                  (ctx, signal) -> {
                    if (signal instanceof ChildFailed failed) {
                      failures.getRef().tell(failed.getCause().getMessage());
                    }
                    return Behaviors.same();
                  });
            });
    testKit.spawn(parent);
    String message = failures.receiveMessage(Duration.ofSeconds(20));
    assertTrue(message.contains("pricing.omni:2:2"), message);
    assertTrue(message.contains("car: expected a pair, got 42"), message);
  }
}
