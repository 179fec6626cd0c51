package org.omnilisp.fibers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.api.OmniLisp;

/** An embedded runtime leaves no threads behind once it is closed. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RuntimeCloseTest {
  private static List<Thread> threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
        .toList();
  }

  private static void useAndClose() {
    try (OmniLisp lisp =
        OmniLisp.create(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      // yields and slices go through the runtime's re-queue relay
      assertEquals(
          10L,
          lisp.evalHere(
              "(join (spawn (fiber (let loop ((i 0)) (if (= i 10) i (begin (yield) (loop (+ i 1))))))))",
              "RuntimeCloseTest"));
    }
  }

  @Test
  void closingARuntimeStopsItsRequeueRelayThread() throws Exception {
    int before = threadsNamed("omni-fiber-requeue").size();
    for (int i = 0; i < 5; i++) {
      useAndClose();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int after = threadsNamed("omni-fiber-requeue").size();
    while (after > before && System.nanoTime() < deadline) {
      Thread.sleep(20);
      after = threadsNamed("omni-fiber-requeue").size();
    }
    assertEquals(before, after, "relay threads left after closing 5 runtimes");
  }

  @Test
  void closingARuntimeStopsItsActorSystemThreads() throws Exception {
    useAndClose();
    useAndClose();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<Thread> left = threadsNamed("omni-");
    while (!onlyRelays(left) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      left = threadsNamed("omni-");
    }
    List<Thread> shown = left;
    assertTrue(onlyRelays(left), () -> "threads left: " + shown);
  }

  private static boolean onlyRelays(List<Thread> threads) {
    return threads.stream().allMatch(t -> t.getName().startsWith("omni-fiber-requeue"));
  }
}
