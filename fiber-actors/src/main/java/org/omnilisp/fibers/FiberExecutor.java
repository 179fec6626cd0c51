package org.omnilisp.fibers;

import com.typesafe.config.Config;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.dispatch.DispatcherPrerequisites;
import org.apache.pekko.dispatch.ExecutorServiceConfigurator;
import org.apache.pekko.dispatch.ExecutorServiceFactory;
import org.apache.pekko.dispatch.MonitorableThreadFactory;

/**
 * The executor of the fiber dispatchers: a fork-join pool (work stealing, FIFO local queues) with a
 * "run next" slot per worker, as in Go's scheduler (here two slots).
 *
 * <p>Fibers and channels talk in chains of messages: a fiber tells a channel, the channel tells the
 * partner fiber, and so on. On a plain fork-join pool every such message scheduled from a worker is
 * pushed onto the worker's queue, and the pool wakes an idle worker to steal it, so the partners
 * bounce between threads with a futex wake-up per message while each thread idles most of the time.
 * Here the last {@link #SLOTS} tasks a worker schedules while it runs a task wait in the worker's
 * slots and run on the same thread right after the current task (hot caches, no wake-up); only a
 * task displaced from the slots goes to the pool's queue, where other workers can steal it. So a
 * fiber that spawns or wakes several others still spreads them over the pool.
 *
 * <p>Trade-off: the tasks in a worker's slots cannot be stolen while that worker's current task
 * runs (at most a slice, or a mailbox's throughput of messages; nothing in the runtime blocks a
 * thread). Every {@link #CHAIN} slot tasks in a row a worker checks for other work waiting for it
 * (its own queue, submissions from outside the pool such as re-queued slices and timers); if there
 * is some, it puts the next slot task into its queue behind that work, so a chain cannot monopolise
 * the thread. After {@link #LONG_CHAIN} it does so in any case, so that an idle worker gets a
 * chance to steal (skynet, whose fibers wake their parents through the slots, ran ~10% slower
 * without it). Cutting every chain at 64 woke the idle worker every 64 messages to steal the
 * chain's next task: ping-pong 1.9 s instead of 1.7 s.
 *
 * <p>Configured as {@code executor = "org.omnilisp.fibers.FiberExecutor$Configurator"}; its size
 * comes from the dispatcher's {@code fork-join-executor} section.
 */
final class FiberExecutor extends AbstractExecutorService {
  /** How many slot tasks a worker runs in a row before it lets waiting work go first. */
  static final int CHAIN = 64;

  /** After this many slot tasks in a row a worker queues the next one in any case. */
  static final int LONG_CHAIN = 1024;

  /**
   * How many tasks a worker keeps for itself: two, so that a rendezvous, which wakes both parties,
   * keeps both on the thread (one slot: 2.2 s for ping-pong, two: 1.85 s, four: no better).
   */
  static final int SLOTS = 2;

  /** How many joins may run an unstarted fiber in place, one inside the other, on one thread. */
  static final int MAX_HELP_DEPTH = 16;

  private final ForkJoinPool pool;
  private final FiberPool fiberPool;
  private final HostHandoff handoff;
  private final java.util.function.BooleanSupplier workWaiting = this::workWaiting;

  FiberExecutor(int parallelism, ThreadFactory threadFactory, FiberPool fiberPool) {
    this.fiberPool = fiberPool;
    this.handoff = fiberPool.handoff;
    java.util.concurrent.atomic.AtomicInteger workers =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger stripes =
        new java.util.concurrent.atomic.AtomicInteger();
    ForkJoinPool.ForkJoinWorkerThreadFactory factory =
        p -> {
          Worker w = new Worker(p, this, stripes.getAndIncrement());
          if (threadFactory instanceof MonitorableThreadFactory m) {
            m.wire(w); // wire sets no name: named as Pekko names its own fork-join workers
            w.setName(m.name() + "-" + workers.incrementAndGet());
          }
          return w;
        };
    Thread.UncaughtExceptionHandler handler =
        threadFactory instanceof MonitorableThreadFactory m ? m.exceptionHandler() : null;
    this.pool = new ForkJoinPool(parallelism, factory, handler, true);
    fiberPool.use(this);
  }

  @Override
  public void execute(Runnable r) {
    if (r == null) {
      throw new NullPointerException();
    }
    if (Thread.currentThread() instanceof Worker w
        && w.owner == this
        && w.running
        && !w.inSpawnOrder) {
      Runnable displaced = w.offer(r);
      if (displaced != null) {
        pool.execute(Task.of(displaced));
      }
      return;
    }
    boolean host = !(Thread.currentThread() instanceof Worker);
    if (handoff.open(host) && !pool.hasQueuedSubmissions() && handoff.offer(r, host)) {
      return; // a worker waits for it, or will run it next: see HostHandoff
    }
    pool.execute(Task.of(r, host));
  }

  /** Is there other work for the calling worker, or is the pool shutting down? */
  private boolean workWaiting() {
    return ForkJoinTask.getQueuedTaskCount() > 0
        || pool.hasQueuedSubmissions()
        || pool.isShutdown();
  }

  /**
   * Schedules a newly spawned fiber on {@code dispatcher} at the end of the line: past the run-next
   * slots, into the worker's FIFO queue (or the pool's submissions). New fibers then start in the
   * order they were spawned when one thread runs them (Guile Fibers guarantees it, and users reason
   * with it); through the slots, which keep the last two tasks, ten fibers spawned by one fiber
   * started as 8 9 0 1 ... 7. Woken fibers and messages still go through the slots (locality).
   */
  static void executeInSpawnOrder(Executor dispatcher, Runnable task) {
    if (Thread.currentThread() instanceof Worker w && !w.inSpawnOrder) {
      w.inSpawnOrder = true;
      try {
        dispatcher.execute(task);
      } finally {
        w.inSpawnOrder = false;
      }
    } else {
      dispatcher.execute(task);
    }
  }

  /**
   * Whether the pool is idle: no worker running or looking for a task, nothing queued. A message in
   * flight to an actor on this pool (a channel, a fiber's actor, a scope's actor being started)
   * keeps it busy, so the deadlock detector, which reads this, never mistakes a slow moment (a
   * loaded machine, ten thousand actors being made) for a deadlock. A racy estimate: it is read
   * twice, some time apart, before a deadlock is declared.
   */
  boolean isIdle() {
    return pool.getActiveThreadCount() == 0
        && !pool.hasQueuedSubmissions()
        && pool.getQueuedTaskCount() == 0;
  }

  /** The executor whose worker runs the calling code, or null. */
  static FiberExecutor current() {
    return Thread.currentThread() instanceof Worker w ? w.owner : null;
  }

  /** The pool this executor runs now (Pekko may replace the executor: see FiberPool). */
  FiberPool fiberPool() {
    return fiberPool;
  }

  /**
   * Whether anything waits for the current thread: true unless it is a worker of a fiber pool with
   * empty slots, an empty queue, no submissions waiting and no joiner below on its stack (see
   * FiberTask.runHereIfUnstarted). A fiber whose slice ends goes on in place when nothing does,
   * instead of a round trip through the pool that would wake a thread.
   */
  static boolean hasOtherWork() {
    return !(Thread.currentThread() instanceof Worker w)
        || w.helpDepth > 0
        || w.size > 0
        || w.owner.handoff.hasTaskForCaller()
        || ForkJoinTask.getQueuedTaskCount() > 0
        || w.owner.pool.hasQueuedSubmissions();
  }

  /** A pool thread with its run-next slots (touched only by the thread itself). */
  static final class Worker extends ForkJoinWorkerThread {
    final FiberExecutor owner;
    final int stripe; // its cell in the runtime's counters (see Counters)
    private final Runnable[] slots = new Runnable[SLOTS];
    private int head;
    private int size;
    boolean running;
    boolean inSpawnOrder; // see executeInSpawnOrder
    int helpDepth; // see FiberTask.runHereIfUnstarted

    /** Adds r to the slots; returns the oldest task if they were full (the caller queues it). */
    Runnable offer(Runnable r) {
      if (size < SLOTS) {
        slots[(head + size++) % SLOTS] = r;
        return null;
      }
      Runnable oldest = slots[head];
      slots[head] = r;
      head = (head + 1) % SLOTS;
      return oldest;
    }

    Runnable poll() {
      if (size == 0) {
        return null;
      }
      Runnable r = slots[head];
      slots[head] = null;
      head = (head + 1) % SLOTS;
      size--;
      return r;
    }

    Worker(ForkJoinPool pool, FiberExecutor owner, int stripe) {
      super(pool);
      this.owner = owner;
      this.stripe = stripe;
    }

    void runChain(Runnable first) {
      running = true;
      try {
        Runnable r = first;
        for (int n = 0; ; ) {
          r.run();
          r = poll();
          if (r == null) {
            r = owner.handoff.next(); // left for this worker while it was busy
            if (r == null
                && (!owner.handoff.hot()
                    || owner.workWaiting()
                    || (r = owner.handoff.await(owner.workWaiting)) == null)) {
              return;
            }
            continue; // a task from the main program or an OS thread: see HostHandoff
          }
          if (++n % CHAIN == 0
              && (n >= LONG_CHAIN
                  || ForkJoinTask.getQueuedTaskCount() > 0
                  || owner.pool.hasQueuedSubmissions()
                  || owner.handoff.hasTaskForCaller())) {
            owner.pool.execute(Task.of(r)); // queue behind waiting work, or let a thief have it
            return;
          }
        }
      } finally {
        running = false;
        Runnable left = owner.handoff.release(); // no longer the catcher, if it was
        if (left != null) {
          owner.pool.execute(Task.of(left));
        }
        for (Runnable rest; (rest = poll()) != null; ) { // hand what is left to the pool
          owner.pool.execute(Task.of(rest));
        }
      }
    }
  }

  /**
   * A task on the pool; on a worker it runs with the worker's slots. A spawned fiber's task is one
   * itself (see {@link FiberTask}): no wrapper per spawn.
   */
  abstract static class PoolTask extends ForkJoinTask<Void> implements Runnable {
    private static final short QUEUED = 1;
    private static final short QUEUED_BY_HOST = 2; // see HostHandoff.claim

    /** {@code r} as a task of the pool: itself if it is one that has not been queued yet. */
    static ForkJoinTask<Void> of(Runnable r) {
      return of(r, false);
    }

    /** The same, queued by a host thread ({@code host}) or by a worker. */
    static ForkJoinTask<Void> of(Runnable r, boolean host) {
      short tag = host ? QUEUED_BY_HOST : QUEUED;
      if (r instanceof PoolTask t && t.compareAndSetForkJoinTaskTag((short) 0, tag)) {
        return t; // a task runs once: the tag marks it queued
      }
      Task t = new Task(r);
      t.setForkJoinTaskTag(tag);
      return t;
    }

    @Override
    public final Void getRawResult() {
      return null;
    }

    @Override
    protected final void setRawResult(Void v) {}

    @Override
    protected final boolean exec() {
      try {
        if (Thread.currentThread() instanceof Worker w && !w.running) {
          if (getForkJoinTaskTag() == QUEUED_BY_HOST) {
            w.owner.handoff.claim(); // the host's next task may wait for this worker
          }
          w.runChain(this);
        } else {
          run();
        }
      } catch (Throwable t) {
        Thread th = Thread.currentThread();
        Thread.UncaughtExceptionHandler h = th.getUncaughtExceptionHandler();
        if (h != null) {
          h.uncaughtException(th, t);
        }
      }
      return true;
    }
  }

  /** Any other runnable on the pool. */
  static final class Task extends PoolTask {
    private final Runnable runnable;

    Task(Runnable runnable) {
      this.runnable = runnable;
    }

    @Override
    public void run() {
      runnable.run();
    }
  }

  @Override
  public void shutdown() {
    pool.shutdown();
  }

  @Override
  public List<Runnable> shutdownNow() {
    return pool.shutdownNow();
  }

  @Override
  public boolean isShutdown() {
    return pool.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return pool.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return pool.awaitTermination(timeout, unit);
  }

  /** Pekko's hook: builds the executor from the dispatcher's {@code fork-join-executor} size. */
  public static final class Configurator extends ExecutorServiceConfigurator {
    private final int parallelism;
    private final FiberPool pool = new FiberPool(); // shared by the executors it makes

    public Configurator(Config config, DispatcherPrerequisites prerequisites) {
      super(config, prerequisites);
      Config fj = config.getConfig("fork-join-executor");
      int cores = Runtime.getRuntime().availableProcessors();
      int n = (int) Math.ceil(cores * fj.getDouble("parallelism-factor"));
      this.parallelism =
          Math.max(fj.getInt("parallelism-min"), Math.min(fj.getInt("parallelism-max"), n));
    }

    @Override
    public ExecutorServiceFactory createExecutorServiceFactory(String id, ThreadFactory tf) {
      ThreadFactory named =
          tf instanceof MonitorableThreadFactory m ? m.withName(m.name() + "-" + id) : tf;
      return () -> new FiberExecutor(parallelism, named, pool);
    }
  }
}
