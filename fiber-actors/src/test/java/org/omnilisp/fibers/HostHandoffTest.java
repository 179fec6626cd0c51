package org.omnilisp.fibers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The hand-off between host threads and a waiting worker (HostHandoff's invariants). */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostHandoffTest {
  @Test
  void nobodyWaitsWhileNoHostWasActive() {
    HostHandoff h = new HostHandoff();
    assertFalse(h.hot());
    assertFalse(h.offer(() -> {}), "no catcher: the host submits to the pool");
    assertNull(h.await(() -> false), "a host that was never active: the worker leaves at once");
    assertFalse(h.waiting(), "and leaves the slot empty");
  }

  @Test
  void aWaitingWorkerTakesTheHostsTask() throws InterruptedException {
    HostHandoff h = new HostHandoff();
    h.activity();
    Runnable task = () -> {};
    Runnable[] got = new Runnable[1];
    Thread worker =
        new Thread(
            () -> {
              while (got[0] == null) { // it gives up whenever the host was quiet for the window
                got[0] = h.await(() -> false);
              }
            });
    worker.start();
    do { // the host is active until the worker, waiting now, has taken its task
      h.activity();
      Thread.onSpinWait();
    } while (!h.offer(task));
    worker.join();
    assertSame(task, got[0]);
    assertFalse(h.waiting());
  }

  @Test
  void otherWorkEndsTheWait() {
    HostHandoff h = new HostHandoff();
    h.activity();
    assertNull(h.await(() -> true));
    assertFalse(h.waiting());
  }

  /**
   * Host threads hand over tasks (or submit them elsewhere when no catcher waits) while two workers
   * take turns at catching: every task runs exactly once, and none is left in the slot.
   */
  @Test
  void everyTaskRunsExactlyOnce() throws InterruptedException {
    int hosts = 2;
    int perHost = 200_000;
    HostHandoff h = new HostHandoff();
    AtomicIntegerArray runs = new AtomicIntegerArray(hosts * perHost);
    ConcurrentLinkedQueue<Runnable> pool = new ConcurrentLinkedQueue<>();
    AtomicBoolean done = new AtomicBoolean();
    Runnable workerLoop =
        () -> {
          while (!done.get() || !pool.isEmpty() || h.waiting()) {
            Runnable r = pool.poll();
            if (r == null) {
              r = h.await(() -> !pool.isEmpty());
            }
            if (r != null) {
              r.run();
            }
          }
        };
    Thread[] workers = {new Thread(workerLoop), new Thread(workerLoop)};
    Thread[] hostThreads = new Thread[hosts];
    for (int t = 0; t < hosts; t++) {
      int base = t * perHost;
      hostThreads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < perHost; i++) {
                  int k = base + i;
                  h.activity();
                  Runnable task = () -> runs.incrementAndGet(k);
                  if (!h.offer(task)) {
                    pool.add(task);
                  }
                }
              });
    }
    runToTheEnd(workers, hostThreads, done);
    assertFalse(h.waiting());
    assertEachRanOnce(runs);
  }

  /**
   * As a worker's chain runs (FiberExecutor.Worker.runChain): a catcher that caught a host's task
   * is busy with it, and the host's next task waits in the slot for it instead of going to the pool
   * (no wake-up of another thread); the chain's end releases the slot, handing a task left there to
   * the pool. With two hosts and two workers every task runs exactly once and the slot ends empty;
   * with one host and one worker the tasks start in the order they were submitted.
   */
  @Test
  void tasksLeftForABusyCatcherRunExactlyOnceAndInOrder() throws InterruptedException {
    runBusyModel(2, 2, 200_000);
    runBusyModel(1, 1, 200_000);
  }

  private static void runBusyModel(int hosts, int workerCount, int perHost)
      throws InterruptedException {
    HostHandoff h = new HostHandoff();
    AtomicIntegerArray runs = new AtomicIntegerArray(hosts * perHost);
    ConcurrentLinkedQueue<Runnable> pool = new ConcurrentLinkedQueue<>();
    AtomicBoolean done = new AtomicBoolean();
    int[] lastStarted = {-1};
    AtomicBoolean outOfOrder = new AtomicBoolean();
    java.util.concurrent.atomic.AtomicInteger caught =
        new java.util.concurrent.atomic.AtomicInteger();
    Runnable workerLoop =
        () -> {
          while (!done.get() || !pool.isEmpty()) {
            Runnable r = pool.poll();
            if (r != null) {
              h.claim(); // every task here is a host's: its worker becomes the catcher, busy
            }
            while (r != null) { // a chain: the task, then what is left for it or caught
              r.run();
              r = h.next();
              if (r == null) {
                r = h.await(() -> !pool.isEmpty());
              }
            }
            Runnable left = h.release();
            if (left != null) {
              pool.add(left);
            }
          }
        };
    Thread[] workers = new Thread[workerCount];
    for (int i = 0; i < workerCount; i++) {
      workers[i] = new Thread(workerLoop);
    }
    Thread[] hostThreads = new Thread[hosts];
    for (int t = 0; t < hosts; t++) {
      int base = t * perHost;
      hostThreads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < perHost; i++) {
                  int k = base + i;
                  h.activity();
                  Runnable task =
                      () -> {
                        if (hosts == 1) { // one host, one worker: submission order
                          if (k != lastStarted[0] + 1) {
                            outOfOrder.set(true);
                          }
                          lastStarted[0] = k;
                        }
                        runs.incrementAndGet(k);
                      };
                  if (!(h.open(true) && pool.isEmpty() && h.offer(task, true))) {
                    pool.add(task);
                  }
                }
              });
    }
    runToTheEnd(workers, hostThreads, done);
    assertTrue(h.empty(), "no task and no catcher left in the slot");
    assertEachRanOnce(runs);
    assertFalse(outOfOrder.get(), "one host's tasks started out of order on one worker");
  }

  /** Starts the workers and the hosts; when the hosts are done, tells the workers and waits. */
  private static void runToTheEnd(Thread[] workers, Thread[] hostThreads, AtomicBoolean done)
      throws InterruptedException {
    for (Thread w : workers) {
      w.start();
    }
    for (Thread t : hostThreads) {
      t.start();
    }
    for (Thread t : hostThreads) {
      t.join();
    }
    done.set(true);
    for (Thread w : workers) {
      w.join();
    }
  }

  private static void assertEachRanOnce(AtomicIntegerArray runs) {
    for (int k = 0; k < runs.length(); k++) {
      assertEquals(1, runs.get(k), "task " + k);
    }
  }
}
