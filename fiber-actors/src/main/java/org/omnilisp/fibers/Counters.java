package org.omnilisp.fibers;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the deadlock detector looks at: how many fibers can run now, how many timers are pending,
 * how many OS threads are alive, how many I/O operations or servers may still deliver something,
 * and a progress count that moves whenever anything is woken.
 *
 * <p>{@code runnable} and {@code progress} change on every park and wake of a fiber, from the
 * pool's threads at once, so they are striped: a pool thread updates the counts in its own cell (a
 * cache line of its own, chosen by its worker number), other threads in a cell chosen by their id,
 * so two workers passing fibers back and forth do not move one cache line between their cores at
 * every park and wake (two shared {@code AtomicLong}s did; a {@code LongAdder} did too, since it
 * stripes only after a failed compare-and-set, and a line that moves between cores need not fail
 * one). The cells are updated atomically, so a cell shared by two threads only costs time.
 *
 * <p>A sum over the cells is not a snapshot, so every change of {@code runnable} is followed, in
 * the same cell, by a step of {@code progress} ({@link #runnableUp}, {@link #runnableDown}): the
 * detector reads {@code progress}, then the rest, and declares a deadlock only when {@code
 * progress} has the same sum at three reads 100 ms apart. A cell's {@code progress} only grows, so
 * equal sums mean that no cell moved between the first read and the last: no change of {@code
 * runnable} completed in that window, and the sums of {@code runnable} read inside it are exact (a
 * change begun but not yet stepped is one a pool thread is making at that moment, and a busy pool
 * is not quiescent).
 */
final class Counters {
  /** Cells: a power of two, at least the pool threads of a usual machine. */
  private static final int CELLS = 16;

  /** Longs per cell: 128 bytes, so that no two cells share a cache line (or its prefetch pair). */
  private static final int STRIDE = 16;

  private static final int RUNNABLE = 0;
  private static final int PROGRESS = 1;

  // Cell i's counts at STRIDE * (i + 1) + RUNNABLE and + PROGRESS (the first line left empty).
  private final AtomicLongArray cells = new AtomicLongArray(STRIDE * (CELLS + 2));
  final AtomicLong timers = new AtomicLong();
  final AtomicLong threads = new AtomicLong();

  /**
   * Pending waits on the outside world (sockets, files, processes, HTTP requests, open servers).
   */
  final AtomicLong io = new AtomicLong();

  /** The calling thread's cell. */
  private static int cell() {
    Thread t = Thread.currentThread();
    int i = t instanceof FiberExecutor.Worker w ? w.stripe : (int) (t.getId() * 0x9E3779B9L >>> 16);
    return STRIDE * ((i & (CELLS - 1)) + 1);
  }

  /** A fiber became runnable (spawned, woken, its park withdrawn). */
  void runnableUp() {
    int c = cell();
    cells.getAndIncrement(c + RUNNABLE);
    cells.getAndIncrement(c + PROGRESS);
  }

  /** A fiber stopped being runnable (parked or ended). */
  void runnableDown() {
    int c = cell();
    cells.getAndDecrement(c + RUNNABLE);
    cells.getAndIncrement(c + PROGRESS);
  }

  /** Something was woken or ended (a timer, an OS thread, an I/O wait). */
  void step() {
    cells.getAndIncrement(cell() + PROGRESS);
  }

  /** The progress count: it grows at every change that can wake a waiter. */
  long progress() {
    return sum(PROGRESS);
  }

  /** How many fibers can run now (exact only inside a quiet window: see the class comment). */
  long runnable() {
    return sum(RUNNABLE);
  }

  private long sum(int field) {
    long sum = 0;
    for (int i = 1; i <= CELLS; i++) {
      sum += cells.get(STRIDE * i + field);
    }
    return sum;
  }

  /** Nothing can run or wake: a blocked waiter will wait forever unless progress moves. */
  boolean quiescent() {
    return runnable() == 0 && timers.get() == 0 && threads.get() == 0 && io.get() == 0;
  }
}
