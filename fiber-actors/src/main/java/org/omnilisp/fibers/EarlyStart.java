package org.omnilisp.fibers;

import com.typesafe.config.Config;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * A runtime's own actor system, started on a daemon thread before the runtime exists: the omni
 * command begins it first thing when its program will spawn, so that the start (the JVM linking
 * Pekko's classes and lambdas, about 0.4 s of a fiber program's 0.7 s) overlaps making the
 * interpreter and running the program up to its first spawn, on the other core. The runtime takes
 * the system when it first needs it ({@link FiberRuntime#system}); until then nothing waits for it,
 * and a program that ends first does not wait either (the thread is a daemon, and {@code close}
 * stops the system whenever it is ready). If the start fails, the runtime starts its system itself
 * when first needed, as without an early start, and the error is reported there.
 */
public final class EarlyStart {
  /** The configuration read and the system started, with its default fiber dispatcher. */
  record Started(Config config, ActorSystem<Void> system, Executor defaultPool) {}

  private final Config overrides;
  private final CompletableFuture<Config> config = new CompletableFuture<>();
  private final CompletableFuture<Started> started = new CompletableFuture<>();

  private EarlyStart(Config overrides) {
    this.overrides = overrides;
  }

  /** Begins the start of an actor system with {@code overrides} (null: none) on a new thread. */
  static EarlyStart begin(Config overrides) {
    EarlyStart early = new EarlyStart(overrides);
    Thread t = new Thread(early::run, "omni-runtime-start");
    t.setDaemon(true);
    t.start();
    return early;
  }

  private void run() {
    try {
      Config whole = LocalSystemConfig.load(overrides);
      config.complete(whole);
      // Initialise logging first: Pekko logs from its own threads while starting.
      org.slf4j.LoggerFactory.getILoggerFactory();
      ActorSystem<Void> system = LocalSystemConfig.start(whole, "omni");
      int n = PoolDispatchers.defaultSize(whole);
      Executor pool = PoolDispatchers.executor(system, n, true);
      pool.execute(() -> {}); // starts the pool's first worker
      started.complete(new Started(whole, system, pool));
    } catch (Throwable e) {
      config.completeExceptionally(e);
      started.completeExceptionally(e);
    }
  }

  /** The whole configuration, once read; null if reading it failed. */
  Config config() {
    try {
      return config.join();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The started system, once started; null if the start failed. */
  Started started() {
    try {
      return started.join();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Terminates the system as soon as it has started (a runtime closed before it took it). */
  void stopWhenStarted() {
    started.thenAccept(s -> s.system().terminate());
  }

  /** Completes once the start is over (for tests). */
  CompletableFuture<ActorSystem<Void>> system() {
    return started.thenApply(Started::system);
  }
}
