package org.omnilisp.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Threads that set, get and push on one array at once (they start together at a barrier): no push
 * is lost, no set is lost (each writer reads its own slot back at once, while pushes grow the
 * array), every element read is one that was written at that index, and each writer's last value is
 * there at the end.
 */
class LispArrayConcurrencyTest {
  private static final int SLOTS = 64;
  private static final int PUSHES = 1_000_000;

  @Test
  @Timeout(120)
  void setGetAndPushAtOnce() throws Exception {
    LispArray a = new LispArray(new ArrayList<>(Collections.nCopies(SLOTS, (Object) (long) -1)));
    int writers = 2;
    Crew crew = new Crew();
    long[][] last = new long[writers][SLOTS];
    for (int w = 0; w < writers; w++) {
      int id = w;
      // writer id owns the slots whose index is id modulo the number of writers; it stores
      // increasing values id + writers * n there, until the pusher is done
      crew.add(
          () -> {
            Arrays.fill(last[id], -1);
            for (int n = 0; crew.pushing() || (n < 100_000 && !crew.failed()); n++) {
              int slot = (n * writers + id) % SLOTS;
              Long value = (long) (id + writers * n);
              assertTrue(a.set(slot, value));
              // only this thread writes the slot: a store lost to a push that grew the
              // array at the same moment would show here
              assertEquals(value, a.get(slot), "slot " + slot + " right after the set");
              last[id][slot] = value;
            }
          });
    }
    crew.add(
        () -> {
          for (int n = 0; n < PUSHES && !crew.failed(); n++) {
            a.items.add((long) -2 - n);
          }
        });
    crew.add(
        () -> {
          for (int n = 0; crew.pushing(); n++) {
            int slot = n % SLOTS;
            long v = (Long) a.get(slot);
            // -1 (the start) or a value that slot's writer stored there
            assertTrue(
                v == -1 || (v % writers == slot % writers && v >= 0),
                "slot " + slot + " held " + v);
            if (n % 20_000 == 0) {
              Object[] snap = a.snapshot();
              assertTrue(snap.length >= SLOTS && snap.length <= SLOTS + PUSHES);
              for (int k = snap.length - 1; k >= SLOTS && k >= snap.length - 100; k--) {
                assertEquals((long) -2 - (k - SLOTS), snap[k], "pushed element " + k);
              }
            }
          }
        });
    crew.run(writers); // the pusher is the thread added after the writers
    assertEquals(SLOTS + PUSHES, a.size());
    assertEquals(SLOTS + PUSHES, a.items.size());
    for (int slot = 0; slot < SLOTS; slot++) {
      assertEquals(last[slot % writers][slot], a.get(slot), "slot " + slot);
    }
    for (int k = 0; k < PUSHES; k += 997) {
      assertEquals((long) -2 - k, a.get(SLOTS + k));
    }
  }

  @Test
  void outOfRangeAndGrowth() {
    LispArray a = new LispArray();
    assertEquals(null, a.get(0));
    assertEquals(false, a.set(0, 1L));
    for (long i = 0; i < 100; i++) {
      a.items.add(i);
    }
    assertEquals(100, a.size());
    assertEquals(null, a.get(100));
    assertEquals(null, a.get(-1));
    assertTrue(a.set(99, "x"));
    assertEquals("x", a.get(99));
    assertEquals(98L, a.items.remove(98));
    assertEquals(99, a.items.size());
    assertEquals("x", a.items.get(98));
    a.items.subList(0, 90).clear();
    assertEquals(List.of(90L, 91L, 92L, 93L, 94L, 95L, 96L, 97L, "x"), new ArrayList<>(a.items));
  }

  /**
   * The test's threads: they start together at a barrier; the first failure is kept and stops the
   * others (the loops check {@link #failed} and {@link #pushing}), so a thread that throws makes
   * the test fail at once instead of leaving the others spinning until the timeout.
   */
  private static final class Crew {
    private final List<Runnable> bodies = new ArrayList<>();
    private final AtomicBoolean pushing = new AtomicBoolean(true);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    void add(Runnable body) {
      bodies.add(body);
    }

    /** While the pusher runs (and nothing has failed). */
    boolean pushing() {
      return pushing.get();
    }

    boolean failed() {
      return failure.get() != null;
    }

    /** Runs every body on its own thread; the one at {@code pusher} ends the pushing phase. */
    void run(int pusher) throws Exception {
      CyclicBarrier start = new CyclicBarrier(bodies.size());
      CountDownLatch done = new CountDownLatch(bodies.size());
      for (int i = 0; i < bodies.size(); i++) {
        Runnable body = bodies.get(i);
        boolean ends = i == pusher;
        new Thread(
                () -> {
                  try {
                    start.await();
                    body.run();
                  } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    pushing.set(false); // stop the others
                  } finally {
                    if (ends) {
                      pushing.set(false);
                    }
                    done.countDown();
                  }
                })
            .start();
      }
      done.await();
      if (failure.get() != null) {
        throw new AssertionError(failure.get());
      }
    }
  }
}
