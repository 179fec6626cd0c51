package org.omnilisp.fibers;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.omnilisp.channels.api.ChannelHandle;
import org.omnilisp.interp.Interpreter;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Procedure;
import org.omnilisp.machine.Fiber;
import org.omnilisp.machine.FiberState;
import org.omnilisp.machine.Host;
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
  /** The largest fiber pool: {@code set-fiber-pool-size!} and {@code omni -p} refuse more. */
  public static final int MAX_POOL_SIZE = 1024;

  final Interpreter interp;
  final Counters counters = new Counters();
  private final Config userConfig;
  private volatile Settings settings;
  private volatile long sliceOverride;
  private final boolean ownsSystem;
  private final LiveFibers live = new LiveFibers();
  private final java.util.Set<FiberTask> unreported = ConcurrentHashMap.newKeySet();
  private final java.util.Set<ThreadReport> unreportedThreads = ConcurrentHashMap.newKeySet();

  private final Map<ChannelHandle, Boolean> sharedChannels = new java.util.WeakHashMap<>();
  private final ChannelPrimitives channels;

  /** How the runtime stops: see {@link RuntimeStop}. */
  final RuntimeStop stop = new RuntimeStop(this);

  /** The actor system's log, where every report also goes (tests may replace it). */
  RuntimeLog log = new RuntimeLog();

  /** Where reports of unjoined errors go (tests may catch them). */
  java.util.function.Consumer<String> errorReports = System.err::println;

  private final List<Runnable> closeActions = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile ActorSystem<Void> system;
  private final List<java.util.function.Consumer<ActorSystem<Void>>> startActions =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile Executor executor;
  private volatile java.util.concurrent.ExecutorService relay;
  private volatile ActorRef<FiberGuardian.Command> guardian;

  // The fiber pools this runtime has used, found by a task run on each (see usePool): the
  // deadlock detector checks that they are idle. `discovering` counts the tasks not yet run.
  private final java.util.Set<FiberPool> pools = ConcurrentHashMap.newKeySet();
  private volatile FiberPool hostPool; // the pool new fibers go to, once known (usePool)
  private final java.util.Map<String, org.apache.pekko.actor.Props> fiberActorProps =
      new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger discovering =
      new java.util.concurrent.atomic.AtomicInteger();

  /** The name of the system actor that parents this runtime's fiber actors (unique per runtime). */
  final String guardianName =
      // unique per runtime; not UUID.randomUUID(), whose SecureRandom costs ~20 ms at start-up
      "omni-fibers-"
          + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());

  private final DirectPool direct = new DirectPool(guardianName); // spawns past Pekko's wrapper
  private final java.util.function.Supplier<String> dispatcherId =
      () -> PoolDispatchers.idFor(system(), poolSize());

  private volatile int poolSize; // 0 until chosen: then the configured default

  /** Told what ran out of memory ({@code fiber 3}); null: the fiber fails with that error. */
  private volatile java.util.function.Consumer<String> outOfMemory;

  private volatile boolean poolSizeChosen;

  /** The {@code omni} settings, read from configuration when first needed. */
  private record Settings(
      Config config,
      long sliceSteps,
      long deadlockCheckMillis,
      long unjoinedGraceMillis,
      long shutdownGraceMillis,
      int defaultPoolSize) {
    static Settings of(Config config) {
      Config fiber = config.getConfig("omni.fiber");
      return new Settings(
          config,
          fiber.getLong("slice-steps"),
          fiber.getDuration("deadlock-check-interval").toMillis(),
          fiber.getDuration("unjoined-error-grace").toMillis(),
          fiber.getDuration("shutdown-grace").toMillis(),
          PoolDispatchers.defaultSize(config));
    }
  }

  /**
   * A runtime that starts its own actor system when the first fiber is spawned; {@code config}
   * overrides the settings (null: no overrides).
   */
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
      this.executor = usePool(PoolDispatchers.executor(s, poolSize(), false));
      stopWithTheSystem(s);
    }
    interp.setHost(new MainHost(this, Long.MAX_VALUE));
    FiberPrimitives.install(this);
    channels = ChannelPrimitives.install(this);
    ThreadPrimitives.install(interp, new OsThreads());
    org.omnilisp.io.IoModule.install(interp, new Io());
    for (RuntimeModule module : addOnModules()) {
      module.install(this);
    }
  }

  /**
   * The add-on modules (http, cluster, ...): those named in the system property {@code
   * omni.modules} (class names, comma-separated), else every one that ServiceLoader finds. Finding
   * them opens every jar on the class path (about 40 ms at start-up with the runner's 57 jars), so
   * the runner, which knows its modules, names them.
   */
  private static Iterable<RuntimeModule> addOnModules() {
    String named = System.getProperty("omni.modules");
    if (named == null) {
      return java.util.ServiceLoader.load(
          RuntimeModule.class, RuntimeModule.class.getClassLoader());
    }
    List<RuntimeModule> modules = new ArrayList<>();
    for (String name : named.split(",")) {
      if (name.isBlank()) {
        continue;
      }
      try {
        modules.add(
            (RuntimeModule) Class.forName(name.strip()).getDeclaredConstructor().newInstance());
      } catch (ReflectiveOperationException | ClassCastException e) {
        throw new IllegalStateException("omni.modules: cannot load the module " + name, e);
      }
    }
    return modules;
  }

  /** The interpreter whose fibers this runtime schedules (for modules that install primitives). */
  public Interpreter interpreter() {
    return interp;
  }

  /**
   * Runs {@code action} with the actor system as soon as it has started (at once if it has): for a
   * module that must be present before anyone asks for it (a cluster node's actors).
   */
  public void onSystemStart(java.util.function.Consumer<ActorSystem<Void>> action) {
    ActorSystem<Void> s;
    synchronized (this) {
      s = system;
      if (s == null) {
        startActions.add(action);
        return;
      }
    }
    action.accept(s);
  }

  /** The actor system, started now if this is the first use (for modules built on Pekko). */
  public ActorSystem<Void> actorSystem() {
    return system();
  }

  /**
   * A module starts waiting on the world (a pending request, an open server): until the matching
   * {@link #ioEnded}, a blocked main program is not reported as deadlocked, since the world may
   * still wake it.
   */
  public void ioStarted() {
    counters.io.incrementAndGet();
  }

  /** The wait announced by {@link #ioStarted} is over (it counts as progress). */
  public void ioEnded() {
    counters.step();
    counters.io.decrementAndGet();
  }

  /**
   * In an application's actor system, the runtime stops in CoordinatedShutdown's service-stop
   * phase: its fibers are canceled (their {@code finally} clauses run) while the actors still work.
   */
  private void stopWithTheSystem(ActorSystem<Void> s) {
    long grace = settings().shutdownGraceMillis();
    SystemCalls.onServiceStop(s, "omni-stop-" + guardianName, () -> stop.stop(true, grace));
  }

  /** Is the runtime stopping or stopped (nothing new may start)? */
  public boolean isStopping() {
    return stop.isStopping();
  }

  /**
   * {@code stage}, or a failure with {@code error} if the runtime stops before it completes (the
   * API layer's Java futures: channel operations, eval, call).
   */
  public <T> CompletableFuture<T> untilStopped(
      CompletionStage<T> stage, java.util.function.Supplier<? extends Throwable> error) {
    return stop.untilStopped(stage, error);
  }

  /** Runs {@code action} when the runtime closes, before its actor system stops. */
  public void onClose(Runnable action) {
    closeActions.add(action);
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
          // the application's settings (application.conf, system properties) over the defaults
          s = Settings.of(LocalSystemConfig.load(userConfig));
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
          s = LocalSystemConfig.start(settings().config(), "omni");
          executor = usePool(PoolDispatchers.executor(s, poolSize(), !poolSizeChosen));
          system = s;
          for (java.util.function.Consumer<ActorSystem<Void>> action : startActions) {
            action.accept(s);
          }
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

  /** The props of every fiber actor on the dispatcher of the current pool size (one per size). */
  private org.apache.pekko.actor.Props fiberActorProps() {
    String id = PoolDispatchers.idFor(system(), poolSize());
    return fiberActorProps.computeIfAbsent(id, FiberActor::props);
  }

  /** Where fiber and channel actors run: the dispatcher of the current pool size. */
  Props dispatcher() {
    return SystemCalls.dispatcher(PoolDispatchers.idFor(system(), poolSize()));
  }

  /**
   * Gives a fiber that parks for the first time its actor (asynchronously, see FiberGuardian): a
   * child of its scope's actor, or of the runtime's guardian.
   */
  void adopt(FiberTask task) {
    FiberGuardian.Adopt adopt = new FiberGuardian.Adopt(task, fiberActorProps());
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
      executor = usePool(PoolDispatchers.executor(system, n, false));
    }
  }

  /**
   * Learns which {@link FiberExecutor} runs the dispatcher (Pekko wraps it), by running a task on
   * it, so that {@link #quiescent()} can check the pool is idle. Returns the dispatcher.
   */
  private Executor usePool(Executor dispatcher) {
    discovering.incrementAndGet();
    dispatcher.execute(
        () -> {
          FiberExecutor e = FiberExecutor.current();
          if (e != null) {
            pools.add(e.fiberPool());
            hostPool = e.fiberPool();
          }
          discovering.decrementAndGet();
        });
    return dispatcher;
  }

  /**
   * Nothing can run or wake: no runnable fiber, no pending timer, no live OS thread, and the fiber
   * pools idle (no message in flight to a channel or fiber actor). A blocked waiter will wait
   * forever unless progress moves.
   */
  boolean quiescent() {
    if (!counters.quiescent() || discovering.get() > 0 || openSharedChannel()) {
      return false;
    }
    for (FiberPool pool : pools) {
      if (!pool.isIdle()) {
        return false;
      }
    }
    return true;
  }

  /** A new channel of this runtime, as {@code (chan capacity)} makes. */
  public LispChannel newChannel(int capacity) {
    return channels.newChannel(capacity);
  }

  /** A channel Java code holds a handle to: a possible waker while it is open (weakly held). */
  void sharedWithJava(ChannelHandle handle) {
    synchronized (sharedChannels) {
      sharedChannels.put(handle, Boolean.TRUE);
    }
  }

  private boolean openSharedChannel() {
    synchronized (sharedChannels) {
      for (ChannelHandle h : sharedChannels.keySet()) {
        if (!h.isClosed()) {
          return true;
        }
      }
      return false;
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
    Cancellable c = SystemCalls.scheduleOnce(system, Duration.ofMillis(millis), action);
    return c::cancel;
  }

  void register(FiberTask task) {
    live.add(task);
  }

  void forget(FiberTask task) {
    live.remove(task);
  }

  /** The live spawned fibers, oldest first. */
  List<FiberTask> liveFibers() {
    return live.snapshot();
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
    String report = org.omnilisp.lang.Errors.report(task.fiber.result());
    errorReports.accept("fiber " + task.fiber.id() + " failed: " + report);
    log.fiberFailed(task.fiber.id(), actorPath(task), systemName(), report);
  }

  /** The fiber's actor if it has one, else the runtime's guardian that would parent it. */
  private String actorPath(FiberTask task) {
    String own = task.actorPath();
    if (own != null) {
      return own;
    }
    ActorSystem<Void> s = system;
    return s == null ? guardianName : s.path().root() + "system/" + guardianName;
  }

  String systemName() {
    ActorSystem<Void> s = system;
    return s == null ? "" : s.name();
  }

  /** The pending report of an OS thread's error (identity: one per failed thread). */
  private static final class ThreadReport {
    final String line;
    final java.util.function.BooleanSupplier joined;

    ThreadReport(String line, java.util.function.BooleanSupplier joined) {
      this.line = line;
      this.joined = joined;
    }
  }

  private void reportUnlessJoined(ThreadReport r) {
    if (unreportedThreads.remove(r) && !r.joined.getAsBoolean()) {
      interp.out().flush();
      reportThreadError(r.line);
    }
  }

  /** An OS thread's error, on stderr (or where tests catch it) and in the log. */
  private void reportThreadError(String line) {
    errorReports.accept(line);
    log.threadFailed(systemName(), line);
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
      counters.step();
      counters.threads.decrementAndGet();
    }

    @Override
    public void reportUnjoinedError(String line) {
      reportThreadError(line);
    }

    /** The same grace as a fiber's: reported after the grace period unless a join came. */
    @Override
    public void reportUnlessJoined(String line, java.util.function.BooleanSupplier joined) {
      ThreadReport r = new ThreadReport(line, joined);
      unreportedThreads.add(r);
      schedule(settings().unjoinedGraceMillis(), () -> FiberRuntime.this.reportUnlessJoined(r));
    }
  }

  /**
   * What to do when a fiber runs out of memory: {@code handler} is told what was running ({@code
   * fiber 3}) on the fiber's thread; the {@code omni} command prints it and exits. Without a
   * handler, or if it returns, the fiber fails with the error {@code out of memory in fiber 3}.
   */
  public void onOutOfMemory(java.util.function.Consumer<String> handler) {
    outOfMemory = handler;
  }

  /** A fiber's machine threw {@link OutOfMemoryError}: the handler decides first. */
  void outOfMemory(String what) {
    java.util.function.Consumer<String> h = outOfMemory;
    if (h != null) {
      h.accept(what);
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
      counters.step();
    }
  }

  /** The runtime that spawned {@code f}, or null if no runtime spawned it (a coroutine). */
  public static FiberRuntime of(Fiber f) {
    return f.host() instanceof FiberTask t ? t.runtime : null;
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
    f.setHost(task);
    if (scope != null) {
      scope.add(task);
    }
    register(task);
    counters.runnableUp();
    f.setState(FiberState.RUNNING);
    Executor e = executor();
    if (FiberExecutor.current() == null) {
      hostActivity();
    }
    direct.submit(system(), dispatcherId, e, task);
  }

  /** Where new fibers go now: the pool's executor, or the dispatcher (see DirectPool; tests). */
  Executor directTarget() {
    return direct.targetFor(executor());
  }

  /**
   * The main program or an OS thread spawned a fiber or was woken by one: a worker of the pool
   * stays awake a moment for its next task (see HostHandoff).
   */
  void hostActivity() {
    FiberPool p = hostPool;
    if (p != null) {
      p.handoff.activity();
    }
  }

  /**
   * Completes with a spawned fiber's result, or exceptionally with a {@code LispThrow} carrying its
   * error.
   */
  public CompletionStage<Object> completion(Fiber f) {
    CompletableFuture<Object> done = new CompletableFuture<>();
    FiberTask task = (FiberTask) f.host();
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
    if (f.host() != null) {
      f.host().cancel(); // a local task, or a ForeignFiber (which notes the request itself)
    } else {
      f.requestCancel();
    }
  }

  /** Stops the actor system if this runtime started it. */
  /**
   * After {@link #close}: waits up to {@code timeout} until the actor system this runtime started
   * has terminated; true once it has (or if the runtime started none). A cluster node's runner
   * waits so that the node's last remote messages (a {@code close}, a {@code send}) go out and the
   * node leaves the cluster before the process ends.
   */
  public boolean awaitStopped(java.time.Duration timeout) {
    ActorSystem<Void> s = system;
    if (s == null || !ownsSystem) {
      return true;
    }
    try {
      s.getWhenTerminated().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return true; // terminated, with a failure the system has logged
    }
  }

  public void close() {
    stop.stop(false, 0);
    List.copyOf(unreported).forEach(this::reportUnlessJoined);
    List.copyOf(unreportedThreads).forEach(this::reportUnlessJoined);
    closeActions.forEach(Runnable::run);
    direct.close();
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
