package org.omnilisp.fibers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The deadlock detector's striped counts (Counters): exact sums once the threads that moved them
 * are done, whichever cells they used, and a progress step for every change of the runnable count.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CountersTest {
  @Test
  void aFiberWokenOnOneThreadAndParkedOnAnotherCountsZeroAndTwoSteps() throws Exception {
    Counters c = new Counters();
    assertTrue(c.quiescent());
    c.runnableUp();
    assertEquals(1, c.runnable());
    assertFalse(c.quiescent());
    Thread other = new Thread(c::runnableDown); // another thread: most likely another cell
    other.start();
    other.join();
    assertEquals(0, c.runnable());
    assertEquals(2, c.progress());
    assertTrue(c.quiescent());
    c.step();
    assertEquals(3, c.progress());
    assertEquals(0, c.runnable());
  }

  /** Threads at once, each raising counts that others lower: the sums come out exact. */
  @Test
  void concurrentUpdatesSumExactly() throws Exception {
    Counters c = new Counters();
    int threads = 8;
    int perThread = 100_000;
    CyclicBarrier start = new CyclicBarrier(threads);
    Thread[] ts = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      boolean up = t % 2 == 0;
      ts[t] =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                for (int i = 0; i < perThread; i++) {
                  if (up) {
                    c.runnableUp();
                  } else {
                    c.runnableDown();
                  }
                  c.step();
                }
              });
      ts[t].start();
    }
    for (Thread t : ts) {
      t.join();
    }
    assertEquals(0, c.runnable());
    assertEquals(2L * threads * perThread, c.progress());
  }
}
