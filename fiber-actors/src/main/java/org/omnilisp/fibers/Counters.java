package org.omnilisp.fibers;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the deadlock detector looks at: how many fibers can run now, how many timers are pending,
 * how many OS threads are alive, how many I/O operations or servers may still deliver something,
 * and a progress count that moves whenever anything is woken.
 */
final class Counters {
  final AtomicLong runnable = new AtomicLong();
  final AtomicLong timers = new AtomicLong();
  final AtomicLong threads = new AtomicLong();

  /**
   * Pending waits on the outside world (sockets, files, processes, HTTP requests, open servers).
   */
  final AtomicLong io = new AtomicLong();

  final AtomicLong progress = new AtomicLong();

  /** Nothing can run or wake: a blocked waiter will wait forever unless progress moves. */
  boolean quiescent() {
    return runnable.get() == 0 && timers.get() == 0 && threads.get() == 0 && io.get() == 0;
  }
}
