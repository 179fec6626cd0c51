package org.omnilisp.fibers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.lang.Procedure;

/**
 * The runtime's list of live fibers (LiveFibers): the tasks' own links, oldest first, safe under
 * concurrent spawns and ends.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveFibersTest {
  private final KitRuntime kit = new KitRuntime();

  @AfterEach
  void tearDown() {
    kit.close();
  }

  private List<FiberTask> tasks(int n) {
    Procedure thunk = (Procedure) kit.interp.eval("(lambda () 1)", "t");
    List<FiberTask> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new FiberTask(kit.runtime, kit.interp.newFiber(thunk), null));
    }
    return out;
  }

  @Test
  void listsTheLiveTasksOldestFirstAfterRemovalsAtTheHeadMiddleAndTail() {
    LiveFibers live = new LiveFibers();
    List<FiberTask> all = tasks(40);
    for (int i = all.size() - 1; i >= 0; i--) {
      live.add(all.get(i)); // added newest first: the snapshot still sorts by id
    }
    List<FiberTask> kept = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (i % 3 == 0) {
        live.remove(all.get(i));
      } else {
        kept.add(all.get(i));
      }
    }
    live.remove(all.get(0)); // twice: nothing happens
    assertEquals(kept, live.snapshot());
    kept.forEach(live::remove);
    assertTrue(live.snapshot().isEmpty());
  }

  @Test
  void concurrentAddsAndRemovesLeaveExactlyTheTasksNotRemoved() throws Exception {
    LiveFibers live = new LiveFibers();
    int threads = 4;
    int each = 5_000;
    List<List<FiberTask>> perThread = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      perThread.add(tasks(each));
    }
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Thread> running = new ArrayList<>();
    for (List<FiberTask> mine : perThread) {
      Thread th =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                for (FiberTask task : mine) {
                  live.add(task);
                }
                for (int i = 0; i < mine.size(); i += 2) {
                  live.remove(mine.get(i));
                }
              });
      th.start();
      running.add(th);
    }
    for (Thread th : running) {
      th.join();
    }
    List<FiberTask> expected = new ArrayList<>();
    for (List<FiberTask> mine : perThread) {
      for (int i = 1; i < mine.size(); i += 2) {
        expected.add(mine.get(i));
      }
    }
    expected.sort((a, b) -> Long.compare(a.fiber.id(), b.fiber.id()));
    assertEquals(expected, live.snapshot());
  }
}
