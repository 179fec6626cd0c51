package org.omnilisp.fibers;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the deadlock detector looks at: how many fibers can run now, how many timers are pending,
 * how many OS threads are alive, how many I/O operations or servers may still deliver something,
 * and a progress count that moves whenever anything is woken.
 *
 * <p>{@code runnable} and {@code progress} change on every park and wake of a fiber, from the
 * pool's threads at once: they are striped ({@link LongAdder}, a cell per thread that updates it),
 * so two workers passing fibers back and forth do not fight over one cache line. A striped sum is
 * not a snapshot, so every change of {@code runnable} is followed, on the same thread, by a step of
 * {@code progress} ({@link #runnableUp}, {@link #runnableDown}): the detector reads {@code
 * progress}, then the rest, and declares a deadlock only when {@code progress} has the same sum at
 * three reads 100 ms apart. Each cell of {@code progress} only grows, so equal sums mean no cell
 * moved between the first read and the last: no change of {@code runnable} completed in that
 * window, and the sums of {@code runnable} read inside it are exact (a change begun but not yet
 * stepped is one a pool thread is making at that moment, and a busy pool is not quiescent).
 */
final class Counters {
  private final LongAdder runnable = new LongAdder();
  private final LongAdder progress = new LongAdder();
  final AtomicLong timers = new AtomicLong();
  final AtomicLong threads = new AtomicLong();

  /**
   * Pending waits on the outside world (sockets, files, processes, HTTP requests, open servers).
   */
  final AtomicLong io = new AtomicLong();

  /** A fiber became runnable (spawned, woken, its park withdrawn). */
  void runnableUp() {
    runnable.increment();
    progress.increment();
  }

  /** A fiber stopped being runnable (parked or ended). */
  void runnableDown() {
    runnable.decrement();
    progress.increment();
  }

  /** Something was woken or ended (a timer, an OS thread, an I/O wait). */
  void step() {
    progress.increment();
  }

  /** The progress count: it grows at every change that can wake a waiter. */
  long progress() {
    return progress.sum();
  }

  /** How many fibers can run now (exact only inside a quiet window: see the class comment). */
  long runnable() {
    return runnable.sum();
  }

  /** Nothing can run or wake: a blocked waiter will wait forever unless progress moves. */
  boolean quiescent() {
    return runnable.sum() == 0 && timers.get() == 0 && threads.get() == 0 && io.get() == 0;
  }
}
