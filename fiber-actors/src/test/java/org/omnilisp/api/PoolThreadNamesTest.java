package org.omnilisp.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Fibers run on threads named after the actor system and the dispatcher (issue 13, logging). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PoolThreadNamesTest {
  @Test
  void fiberThreadsAreNamedAfterTheSystemAndTheDispatcher() {
    ActorTestKit testKit = ActorTestKit.create("shop");
    try {
      OmniLisp lisp = OmniLisp.create(testKit.system(), System.out);
      lisp.define("thread-name", 0, 0, args -> Thread.currentThread().getName());
      String name =
          (String)
              lisp.eval("(join (spawn (fiber (thread-name))))")
                  .toCompletableFuture()
                  .orTimeout(20, TimeUnit.SECONDS)
                  .join();
      assertTrue(name.startsWith("shop-omni.fiber-dispatcher-"), name);
    } finally {
      testKit.shutdownTestKit();
    }
  }
}
