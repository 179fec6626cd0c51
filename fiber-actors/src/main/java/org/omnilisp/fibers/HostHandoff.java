package org.omnilisp.fibers;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * A hand-off from the threads outside a fiber pool (the main program, OS threads) to a worker of
 * the pool that stays awake for them.
 *
 * <p>The problem: the main program that spawns a fiber and joins it at once, a million times,
 * submits each fiber from outside the pool. On a machine with idle cores the worker that ran the
 * previous fiber has gone to sleep by then, so every spawn pays a futex wake-up of a pool thread
 * (and its scheduling latency, tens of microseconds) before the fiber runs: measured, one park of a
 * pool thread per join (`jdk.ThreadPark` in `ForkJoinPool.awaitWork`), ten times the cost of the
 * same loop inside a fiber. The main program must not run the fiber itself: {@code
 * (fiber-pool-size)} is the number of threads that run fibers.
 *
 * <p>The protocol: a host thread marks its {@linkplain #activity activity} when it spawns a fiber
 * and when a fiber wakes it. A worker whose chain of tasks has run out while a host was active
 * within the last {@link #WINDOW_NANOS} becomes the <em>catcher</em>: it puts {@link #WAITING} into
 * the slot and spins (yielding its core between short bursts, so that on a busy machine the threads
 * with work get it) until a task arrives, other work is queued for the pool, or the host has been
 * quiet for the window. A host thread that submits a task while the slot holds {@link #WAITING} and
 * no submission is queued swaps its task in ({@link #offer}); otherwise it submits to the pool as
 * always.
 *
 * <p>Invariants: at most one catcher (it is whoever swapped {@code null} for {@link #WAITING});
 * only the catcher takes a task out of the slot, and it never leaves without emptying it, so no
 * task is stranded (a withdrawal is a compare-and-set from {@link #WAITING} to {@code null}; if it
 * fails, a task is there and the catcher runs it). Tasks of one host thread start in the order it
 * submitted them when one worker runs them: a task goes through the slot only while no submission
 * is queued, and the catcher, spinning, has not taken one out of the pool's queues meanwhile.
 */
final class HostHandoff {
  /** How long after a host's last activity a worker waits for its next task. */
  static final long WINDOW_NANOS = 50_000;

  private static final Object WAITING = new Object();

  private final AtomicReference<Object> slot = new AtomicReference<>();
  private volatile long lastActivity = System.nanoTime() - 2 * WINDOW_NANOS;

  /** A host thread spawned a fiber or was woken by one: it will likely submit again soon. */
  void activity() {
    lastActivity = System.nanoTime();
  }

  /** Was a host active within the window? */
  boolean hot() {
    return System.nanoTime() - lastActivity < WINDOW_NANOS;
  }

  /**
   * From a host thread: hands {@code task} to the waiting catcher, if there is one; false if the
   * caller must submit it to the pool. The caller checks that no submission is queued first.
   */
  boolean offer(Runnable task) {
    return slot.get() == WAITING && slot.compareAndSet(WAITING, task);
  }

  /** Is a catcher waiting now? (A racy look: {@link #offer} decides.) */
  boolean waiting() {
    return slot.get() == WAITING;
  }

  /**
   * From a worker whose chain has run out: waits for a host's task while a host is active and
   * {@code otherWork} is false; returns the task, or null. Returns null at once if another worker
   * is the catcher.
   */
  Runnable await(BooleanSupplier otherWork) {
    if (!slot.compareAndSet(null, WAITING)) {
      return null;
    }
    while (true) {
      for (int i = 0; i < 32; i++) {
        if (slot.get() != WAITING) {
          return take();
        }
        Thread.onSpinWait();
      }
      if (!hot() || otherWork.getAsBoolean()) {
        return slot.compareAndSet(WAITING, null) ? null : take();
      }
      Thread.yield();
    }
  }

  private Runnable take() {
    return (Runnable) slot.getAndSet(null);
  }
}
