package org.omnilisp.fibers;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Procedure;
import org.omnilisp.machine.Fiber;
import org.omnilisp.machine.FiberState;
import org.omnilisp.machine.Host;
import org.omnilisp.machine.Interpreter;
import org.omnilisp.machine.ParkOp;
import org.omnilisp.machine.Waker;
import org.omnilisp.threads.ThreadPrimitives;
import org.omnilisp.threads.ThreadSupport;

/**
 * The fiber scheduler of one runtime: the actor system (started on the first spawn, or given by an
 * embedding application), the fiber dispatcher, the timers, the live fibers, and what the deadlock
 * detector counts. No static state: each runtime has its own.
 */
public final class FiberRuntime {
  final Interpreter interp;
  final Counters counters = new Counters();
  private final Config userConfig;
  private volatile Settings settings;
  private volatile long sliceOverride;
  private final boolean ownsSystem;
  private final Map<Long, FiberTask> live = new ConcurrentHashMap<>();
  private final java.util.Set<FiberTask> unreported = ConcurrentHashMap.newKeySet();
  private volatile ActorSystem<Void> system;
  private volatile Executor executor;
  private volatile java.util.concurrent.ExecutorService relay;
  private volatile ActorRef<FiberGuardian.Command> guardian;

  /** The name of the system actor that parents this runtime's fiber actors (unique per runtime). */
  final String guardianName = "omni-fibers-" + UUID.randomUUID();

  private volatile int poolSize; // 0 until chosen: then the configured default
  private volatile boolean poolSizeChosen;

  /** The {@code omni} settings, read from configuration when first needed. */
  private record Settings(
      Config config,
      long sliceSteps,
      long deadlockCheckMillis,
      long unjoinedGraceMillis,
      int defaultPoolSize) {
    static Settings of(Config config) {
      Config fiber = config.getConfig("omni.fiber");
      return new Settings(
          config,
          fiber.getLong("slice-steps"),
          fiber.getDuration("deadlock-check-interval").toMillis(),
          fiber.getDuration("unjoined-error-grace").toMillis(),
          PoolDispatchers.defaultSize(config));
    }
  }

  /** A runtime that starts its own actor system when the first fiber is spawned. */
  public FiberRuntime(Interpreter interp, Config config) {
    this(interp, config, null);
  }

  /** A runtime whose fibers run in an application's actor system. */
  public FiberRuntime(Interpreter interp, Config config, ActorSystem<?> hostSystem) {
    this.interp = interp;
    this.userConfig = config;
    this.ownsSystem = hostSystem == null;
    if (hostSystem != null) {
      @SuppressWarnings("unchecked")
      ActorSystem<Void> s = (ActorSystem<Void>) hostSystem;
      this.settings = Settings.of(config.withFallback(s.settings().config()));
      this.system = s;
      this.executor = PoolDispatchers.executor(s, poolSize(), false);
    }
    interp.setHost(new MainHost(this, Long.MAX_VALUE));
    FiberPrimitives.install(this);
    ChannelPrimitives.install(this);
    ThreadPrimitives.install(interp, new OsThreads());
    org.omnilisp.io.IoModule.install(interp, new Io());
  }

  /**
   * Reading the configuration (every reference.conf on the class path) costs tens of milliseconds,
   * so a script that never spawns, sleeps or waits does not pay for it.
   */
  private Settings settings() {
    Settings s = settings;
    if (s == null) {
      synchronized (this) {
        s = settings;
        if (s == null) {
          s = Settings.of(userConfig.withFallback(ConfigFactory.defaultReference()));
          settings = s;
        }
      }
    }
    return s;
  }

  long sliceSteps() {
    long override = sliceOverride;
    return override > 0 ? override : settings().sliceSteps();
  }

  /** Fibers run {@code steps} steps a slice from now on. */
  void setSliceSteps(long steps) {
    sliceOverride = steps;
  }

  long deadlockCheckMillis() {
    return settings().deadlockCheckMillis();
  }

  /** The actor system, started now if this is the first use. */
  ActorSystem<Void> system() {
    ActorSystem<Void> s = system;
    if (s == null) {
      synchronized (this) {
        s = system;
        if (s == null) {
          // Initialise logging first: Pekko logs from its own threads while starting.
          org.slf4j.LoggerFactory.getILoggerFactory();
          s = ActorSystem.create(Behaviors.empty(), "omni", settings().config());
          executor = PoolDispatchers.executor(s, poolSize(), !poolSizeChosen);
          system = s;
        }
      }
    }
    return s;
  }

  public boolean isStarted() {
    return system != null;
  }

  Executor executor() {
    if (executor == null) {
      system();
    }
    return executor;
  }

  /**
   * Puts a fiber that used up its slice (or yielded) back at the end of the line. A fork-join
   * worker that submits work itself pushes it onto its own queue and runs it next, before any work
   * submitted from outside, so a fiber re-submitting itself from a worker could starve the others
   * on a small pool. Re-submitting through this relay thread makes it an outside submission
   * instead, queued behind the work that is already waiting.
   */
  void requeue(Runnable submit) {
    relay().execute(submit);
  }

  private Executor relay() {
    java.util.concurrent.ExecutorService r = relay;
    if (r == null) {
      synchronized (this) {
        r = relay;
        if (r == null) {
          r =
              java.util.concurrent.Executors.newSingleThreadExecutor(
                  task -> {
                    Thread t = new Thread(task, "omni-fiber-requeue");
                    t.setDaemon(true);
                    return t;
                  });
          relay = r;
        }
      }
    }
    return r;
  }

  /** Where fiber and channel actors run: the dispatcher of the current pool size. */
  DispatcherSelector dispatcher() {
    return DispatcherSelector.fromConfig(PoolDispatchers.idFor(system(), poolSize()));
  }

  /**
   * Gives a fiber that parks for the first time its actor (asynchronously, see FiberGuardian): a
   * child of its scope's actor, or of the runtime's guardian.
   */
  void adopt(FiberTask task) {
    FiberGuardian.Adopt adopt = new FiberGuardian.Adopt(task, dispatcher());
    if (task.scope != null) {
      task.scope.tell(adopt);
    } else {
      guardian().tell(adopt);
    }
  }

  ActorRef<FiberGuardian.Command> guardian() {
    ActorRef<FiberGuardian.Command> g = guardian;
    if (g == null) {
      synchronized (this) {
        g = guardian;
        if (g == null) {
          g = system().systemActorOf(FiberGuardian.create(), guardianName, dispatcher());
          guardian = g;
        }
      }
    }
    return g;
  }

  /**
   * Runs every machine (the main program's and each fiber's) in slices of {@code steps} steps. Tiny
   * slices change no result; the conformance suite uses them to prove it.
   */
  public void useSlices(long steps) {
    setSliceSteps(steps);
    interp.setHost(new MainHost(this, steps));
  }

  public int poolSize() {
    int n = poolSize;
    return n > 0 ? n : settings().defaultPoolSize();
  }

  /** Fibers scheduled from now on run on a pool of {@code n} threads. */
  public synchronized void setPoolSize(int n) {
    poolSize = n;
    poolSizeChosen = true;
    if (system != null) {
      executor = PoolDispatchers.executor(system, n, false);
    }
  }

  /** Runs {@code action} after {@code millis}; returns how to cancel it. */
  Runnable schedule(long millis, Runnable action) {
    if (system == null) {
      CompletableFuture<Void> f =
          CompletableFuture.runAsync(
              action, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
      return () -> f.cancel(false);
    }
    Cancellable c =
        system
            .scheduler()
            .scheduleOnce(Duration.ofMillis(millis), action, system.executionContext());
    return c::cancel;
  }

  void register(FiberTask task) {
    live.put(task.fiber.id(), task);
  }

  void forget(FiberTask task) {
    live.remove(task.fiber.id());
  }

  /** The live spawned fibers, oldest first. */
  List<FiberTask> liveFibers() {
    List<FiberTask> tasks = new ArrayList<>(live.values());
    tasks.sort(Comparator.comparingLong(t -> t.fiber.id()));
    return tasks;
  }

  String deadlockReport(ParkOp op) {
    StringBuilder out =
        new StringBuilder("deadlock: the program waits for ")
            .append(op.describe())
            .append(" and no fiber can run");
    for (FiberTask t : liveFibers()) {
      out.append("; fiber ").append(t.fiber.id()).append(" waits for ").append(t.waitingFor());
    }
    return out.toString();
  }

  /**
   * An error of a fiber nobody joined goes to stderr unless a join comes within the grace period
   * (or before the runtime closes, which reports what is still pending).
   */
  void reportIfUnjoined(FiberTask task) {
    unreported.add(task);
    schedule(settings().unjoinedGraceMillis(), () -> reportUnlessJoined(task));
  }

  private void reportUnlessJoined(FiberTask task) {
    if (unreported.remove(task) && !task.wasJoined()) {
      task.markJoined();
      report(task);
    }
  }

  private void report(FiberTask task) {
    interp.out().flush();
    System.err.println(
        "fiber "
            + task.fiber.id()
            + " failed: "
            + org.omnilisp.lang.Errors.report(task.fiber.result()));
  }

  /** OS threads run their machines on a blocking host; the deadlock detector counts them. */
  private final class OsThreads implements ThreadSupport {
    @Override
    public Host newThreadHost() {
      return new MainHost(FiberRuntime.this, Long.MAX_VALUE);
    }

    @Override
    public void threadStarted() {
      counters.threads.incrementAndGet();
    }

    @Override
    public void threadEnded() {
      counters.progress.incrementAndGet();
      counters.threads.decrementAndGet();
    }
  }

  /** What the I/O module needs: the actor system, and its pending waits counted as progress. */
  private final class Io implements org.omnilisp.io.IoRuntime {
    @Override
    public ActorSystem<?> system() {
      return FiberRuntime.this.system();
    }

    @Override
    public void waitStarted() {
      counters.io.incrementAndGet();
    }

    @Override
    public void waitEnded() {
      counters.io.decrementAndGet();
      counters.progress.incrementAndGet();
    }
  }

  /** Spawns {@code thunk} as a fiber from Java code (no scope); see {@link #completion}. */
  public Fiber spawn(Procedure thunk) {
    Fiber f = interp.newFiber(thunk);
    start(f, null);
    return f;
  }

  /** Hands a new or suspended fiber to the scheduler, as a member of {@code scope} (or none). */
  void start(Fiber f, Scope scope) {
    FiberTask task = new FiberTask(this, f, scope);
    f.host = task;
    if (scope != null) {
      scope.add(task);
    }
    register(task);
    counters.runnable.incrementAndGet();
    f.setState(FiberState.RUNNING);
    executor().execute(task);
  }

  /**
   * Completes with a spawned fiber's result, or exceptionally with a {@code LispThrow} carrying its
   * error.
   */
  public CompletionStage<Object> completion(Fiber f) {
    CompletableFuture<Object> done = new CompletableFuture<>();
    FiberTask task = (FiberTask) f.host;
    Waker w =
        new Waker() {
          @Override
          public void wake(Object value) {
            done.complete(value);
          }

          @Override
          public void fail(Object error) {
            done.completeExceptionally(new LispThrow(error));
          }
        };
    if (!task.addJoiner(w)) {
      task.deliver(w);
    }
    return done;
  }

  /** Requests cancellation of a spawned fiber. */
  public void cancel(Fiber f) {
    if (f.host instanceof FiberTask task) {
      task.cancel();
    } else {
      f.requestCancel();
    }
  }

  /** Stops the actor system if this runtime started it. */
  public void close() {
    List.copyOf(unreported).forEach(this::reportUnlessJoined);
    java.util.concurrent.ExecutorService r = relay;
    if (r != null) {
      r.shutdown();
    }
    ActorSystem<Void> s = system;
    if (s != null && ownsSystem) {
      s.terminate();
    }
  }
}
