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
 * <p>The protocol: one worker at a time is the <em>catcher</em>, the slot's holder. A worker
 * becomes it when it starts a chain with a task a host thread submitted to the pool ({@link
 * #claim}: the slot goes from empty to {@link #BUSY}), or when it waits in the slot and catches a
 * task ({@link #await}). While the catcher is busy, a host thread's next task, submitted while no
 * submission is queued, waits in the slot for it ({@link #offer}) instead of waking another worker:
 * the main program that spawns and joins in a loop hands each fiber to the worker that ran the last
 * one while that worker is still finishing it, with no wake-up on either side of the pool. When its
 * chain runs out the catcher takes that task ({@link #next}); if there is none and a host was
 * active within {@link #WINDOW_NANOS}, it waits ({@link #WAITING}) and spins up to {@link
 * #SPIN_NANOS} for one, else it gives the slot up ({@link #release}, which hands a task left there
 * to the caller for the pool). ("Host thread" here is any thread that is not a worker of a fiber
 * pool; a worker between chains or running a fiber in spawn order may hand a task to a waiting
 * catcher but not leave one behind a busy one. No task is lost either way.)
 *
 * <p>Invariants: at most one catcher (whoever swapped {@code null} for {@link #BUSY} or {@link
 * #WAITING}); only the catcher takes a task out of the slot, and it never leaves without emptying
 * it ({@link #release} takes whatever is there), so no task is stranded. Tasks of one host thread
 * start in the order it submitted them when one worker runs them: a task goes to the slot only
 * while no submission is queued, and the catcher runs the slot's task before it looks at the pool's
 * queues again.
 */
final class HostHandoff {
  /** How long after a host's last activity a worker waits for its next task. */
  static final long WINDOW_NANOS = 50_000;

  /**
   * How long a catcher spins for a host's next task. A host on another core that spawns and joins
   * in a loop answers within a few microseconds. A wait that runs out means the host is elsewhere
   * (on an oversubscribed machine, off its core): the catcher then backs off, sitting out
   * exponentially more chain ends (up to {@link #MAX_PENALTY}) before it spins again; a wait that
   * catches a task ends the back-off. (Spinning with {@code Thread.yield}, as before, handed the
   * core back and forth with the host on a loaded machine, and every preempted yield backed the
   * catcher off: under a load average of 15 it sat out 198,921 of 199,141 chain ends.)
   */
  static final long SPIN_NANOS = 10_000;

  static final int MAX_PENALTY = 1023;

  private static final Object WAITING = new Object();

  /** The catcher runs a task it caught; a host's next task may wait here for it (see offer). */
  private static final Object BUSY = new Object();

  private final AtomicReference<Object> slot = new AtomicReference<>();
  // The catcher: the thread that took the slot's last task and holds the slot BUSY or WAITING
  // (only it writes its own name here and clears it, so no other thread can read itself here).
  private volatile Thread holder;
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
   * From a host thread: hands {@code task} to the catcher, if one waits or, when {@code
   * behindBusy}, runs a task it caught and has not yet been given the next; false if the caller
   * must submit it to the pool. The caller checks that no submission is queued first.
   */
  boolean offer(Runnable task, boolean behindBusy) {
    Object s = slot.get();
    return (s == WAITING || (behindBusy && s == BUSY)) && slot.compareAndSet(s, task);
  }

  /** {@link #offer} a task that only a waiting catcher takes. */
  boolean offer(Runnable task) {
    return offer(task, false);
  }

  /** Could {@link #offer} succeed now? (A racy look: {@link #offer} decides.) */
  boolean open(boolean behindBusy) {
    Object s = slot.get();
    return s == WAITING || (behindBusy && s == BUSY);
  }

  /** Is a catcher waiting now? (A racy look: {@link #offer} decides.) */
  boolean waiting() {
    return slot.get() == WAITING;
  }

  /** Is the slot empty (no catcher, no task)? For tests. */
  boolean empty() {
    return slot.get() == null;
  }

  /** Does a task wait in the slot for the calling thread, the catcher (see offer)? */
  boolean hasTaskForCaller() {
    if (holder != Thread.currentThread()) {
      return false;
    }
    Object s = slot.get();
    return s != BUSY && s != WAITING && s != null;
  }

  /**
   * From the catcher whose chain has run out: the task a host left for it while it was busy, or
   * null; it stays the catcher (the slot BUSY again).
   */
  Runnable next() {
    return hasTaskForCaller() ? take() : null;
  }

  /**
   * From a worker that starts a chain with a task a host thread submitted to the pool: it becomes
   * the catcher, busy, if there is none (the host's next task may then wait for it).
   */
  void claim() {
    if (slot.get() == null && slot.compareAndSet(null, BUSY)) {
      holder = Thread.currentThread();
    }
  }

  /**
   * From a worker whose chain has run out: waits for a host's task while a host is active and
   * {@code otherWork} is false; returns the task (the caller is then the catcher until it calls
   * {@link #release}), or null. Returns null at once if another worker is the catcher, or while it
   * backs off (see {@link #SPIN_NANOS}).
   */
  Runnable await(BooleanSupplier otherWork) {
    if (holder == Thread.currentThread()) {
      if (!slot.compareAndSet(BUSY, WAITING)) {
        return take(); // a host's task arrived while it was busy
      }
    } else if (!slot.compareAndSet(null, WAITING)) {
      return null;
    }
    if (skip > 0) {
      skip--;
      return leave();
    }
    long deadline = System.nanoTime() + SPIN_NANOS;
    while (true) {
      for (int i = 0; i < 32; i++) {
        if (slot.get() != WAITING) {
          penalty = 0;
          return take();
        }
        Thread.onSpinWait();
      }
      if (!hot() || otherWork.getAsBoolean()) {
        return leave();
      }
      if (System.nanoTime() - deadline > 0) {
        penalty = Math.min(MAX_PENALTY, 2 * penalty + 1);
        skip = penalty;
        return leave();
      }
    }
  }

  /**
   * From a worker whose chain has ended: if it is the catcher, it gives the slot up; returns the
   * task a host left there meanwhile (the caller queues it to the pool), or null.
   */
  Runnable release() {
    if (holder != Thread.currentThread()) {
      return null;
    }
    holder = null;
    Object s = slot.getAndSet(null); // a host's CAS from BUSY is before this, or fails after it
    return s == BUSY || s == WAITING ? null : (Runnable) s;
  }

  private Runnable leave() {
    // holder first: once the slot is empty another worker may claim it and become the holder
    holder = null;
    if (slot.compareAndSet(WAITING, null)) {
      return null;
    }
    return take();
  }

  /** The slot holds a task: the caller takes it and is the catcher, busy, from now on. */
  private Runnable take() {
    holder = Thread.currentThread();
    return (Runnable) slot.getAndSet(BUSY);
  }
}
