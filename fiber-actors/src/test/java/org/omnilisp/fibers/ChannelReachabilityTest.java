package org.omnilisp.fibers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.channels.api.ChannelHandle;

/**
 * A channel's actor stops once its handle is collected (channels/README.md), so a fiber parked on a
 * channel must keep the handle reachable even when nothing else in the program does.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChannelReachabilityTest {
  private final KitRuntime kit = new KitRuntime(); // one per test: JUnit makes an instance each

  @AfterEach
  void tearDown() {
    kit.close();
  }

  @Test
  void aChannelThatOnlyAParkedFiberReachesStaysAliveAndServesIt() throws Exception {
    kit.eval("(define c (chan)) (define f (spawn (fiber (+ 1 (recv c)))))");
    WeakReference<ChannelHandle> handle = new WeakReference<>(channel("c"));
    kit.awaitParked(1, "recv");
    kit.eval("(set! c false)"); // from now on only the parked fiber reaches the channel
    collectGarbage();
    ChannelHandle kept = handle.get();
    assertNotNull(kept, "the parked fiber's channel was collected");
    kept.sendAsync(41L).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals("42", kit.eval("(join f)"));
  }

  /**
   * Runs the collector until a collection has surely run: an object that only a weak reference
   * reaches (the sentinel) has been cleared. Without that proof, "not collected" would also pass
   * when no collection happened at all.
   */
  private static void collectGarbage() throws InterruptedException {
    WeakReference<Object> sentinel = new WeakReference<>(new Object());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (sentinel.get() != null) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no garbage collection ran within 30 s");
      }
      System.gc();
      Thread.sleep(10);
    }
    System.gc(); // and one more, now that the collector is known to be working
  }

  private ChannelHandle channel(String name) {
    return ((LispChannel) kit.interp.eval(name, "test")).handle();
  }
}
