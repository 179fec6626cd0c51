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
 * the slot and spins (after {@link #SPIN_NANOS} yielding its core between short bursts) until a
 * task arrives, other work is queued for the pool, or the host has been quiet for the window; on an
 * oversubscribed machine it backs off (see {@link #SPIN_NANOS}). A host thread that submits a task
 * while the slot holds {@link #WAITING} and no submission is queued swaps its task in ({@link
 * #offer}); otherwise it submits to the pool as always. ("Host thread" here is any thread that
 * submits from outside a worker's running chain: also a worker of this pool between chains or
 * running a fiber in spawn order, whose task may then go to the catcher instead of its own queue.
 * No task is lost either way.)
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

  /**
   * How long a catcher spins before it begins to yield its core. A host on another core answers
   * within it; a task that arrives only after a yield means the host shares the catcher's core (the
   * machine is oversubscribed), where the two would hand the core back and forth with a context
   * switch per task, slower than parking: the catcher then backs off, sitting out exponentially
   * more chain ends (up to {@link #MAX_PENALTY}), until a wait succeeds within the spin again.
   * Measured under a load average of 6 without the back-off: 200,000 joins from the main program in
   * 8.2 s against 5.9 s without the hand-off.
   */
  static final long SPIN_NANOS = 10_000;

  static final int MAX_PENALTY = 1023;

  /**
   * A yield that returns this much later means another thread ran on the core meanwhile (on an idle
   * core a yield returns within a microsecond or two).
   */
  static final long PREEMPTED_NANOS = 20_000;

  private static final Object WAITING = new Object();

  private final AtomicReference<Object> slot = new AtomicReference<>();
  // Touched only by the catcher of the moment (taking the slot orders them between catchers).
  private int skip;
  private int penalty;
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
   * is the catcher, or while it backs off (see {@link #SPIN_NANOS}).
   */
  Runnable await(BooleanSupplier otherWork) {
    if (!slot.compareAndSet(null, WAITING)) {
      return null;
    }
    if (skip > 0) {
      skip--;
      return leave();
    }
    long start = System.nanoTime();
    boolean yielded = false;
    while (true) {
      for (int i = 0; i < 32; i++) {
        if (slot.get() != WAITING) {
          if (yielded) {
            backOff();
          } else {
            penalty = 0;
          }
          return take();
        }
        Thread.onSpinWait();
      }
      if (!hot() || otherWork.getAsBoolean()) {
        return leave();
      }
      if (yielded || System.nanoTime() - start > SPIN_NANOS) {
        yielded = true;
        long before = System.nanoTime();
        Thread.yield();
        if (System.nanoTime() - before > PREEMPTED_NANOS) {
          backOff(); // another thread had this core meanwhile: the cores are oversubscribed
          return leave();
        }
      }
    }
  }

  /** The next {@code penalty} chain ends (doubling, up to {@link #MAX_PENALTY}) do not wait. */
  private void backOff() {
    penalty = Math.min(MAX_PENALTY, 2 * penalty + 1);
    skip = penalty;
  }

  private Runnable leave() {
    return slot.compareAndSet(WAITING, null) ? null : take();
  }

  private Runnable take() {
    return (Runnable) slot.getAndSet(null);
  }
}
