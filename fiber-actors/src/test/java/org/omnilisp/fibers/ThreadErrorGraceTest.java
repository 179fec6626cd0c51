package org.omnilisp.fibers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An OS thread's error gets the same grace as a fiber's: reported as {@code thread N failed: ...}
 * only if no {@code thread-join} came within the grace period or before the runtime closed. It was
 * printed as soon as the thread ended, even when the program caught it through thread-join.
 */
@Timeout(60)
class ThreadErrorGraceTest {
  private static void awaitNoLiveThread(KitRuntime kit) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (kit.runtime.counters.threads.get() > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the thread did not end");
      }
      Thread.sleep(2);
    }
  }

  @Test
  void anErrorCaughtThroughThreadJoinAfterTheThreadEndedIsNotReported() throws Exception {
    List<String> reports = new CopyOnWriteArrayList<>();
    try (KitRuntime kit = new KitRuntime()) {
      kit.runtime.errorReports = reports::add;
      kit.eval("(define t (thread (lambda () (error \"boom\"))))");
      awaitNoLiveThread(kit); // it has failed with nobody joining
      assertEquals("\"boom\"", kit.eval("(try (thread-join t) (catch e (error-message e)))"));
      kit.runtime.close(); // reports whatever is still pending
      assertEquals(List.of(), reports);
    }
  }

  @Test
  void anErrorNobodyJoinsIsReported() throws Exception {
    List<String> reports = new CopyOnWriteArrayList<>();
    try (KitRuntime kit = new KitRuntime()) {
      kit.runtime.errorReports = reports::add;
      kit.eval("(define t (thread (lambda () (error \"lost\"))))");
      awaitNoLiveThread(kit);
      kit.runtime.close();
      assertEquals(1, reports.size(), reports::toString);
      assertEquals(true, reports.get(0).matches("thread \\d+ failed: .*lost.*"), reports::toString);
    }
  }
}
