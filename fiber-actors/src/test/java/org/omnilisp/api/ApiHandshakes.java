package org.omnilisp.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

/** Test handshakes on a runtime seen through the public API. */
final class ApiHandshakes {
  private ApiHandshakes() {}

  /** Waits until the fiber held by the global {@code name} is parked (at most 20 s). */
  static void awaitParked(OmniLisp lisp, String name) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!"parked"
        .equals(
            lisp.eval("(fiber-state " + name + ")")
                .toCompletableFuture()
                .orTimeout(20, TimeUnit.SECONDS)
                .join())) {
      assertTrue(System.nanoTime() < deadline, name + " never parked");
      Thread.sleep(2);
    }
  }
}
