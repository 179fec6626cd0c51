package org.omnilisp.fibers;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.machine.BlockingHost.Outcome;

/**
 * How a runtime stops (a phase of the actor system's CoordinatedShutdown, or {@code close}):
 *
 * <ol>
 *   <li>the runtime is marked stopping: nothing new starts (a spawn or a Java call fails);
 *   <li>when the host application shuts down, every live fiber is canceled and waited for (at most
 *       the grace period), so their {@code finally} clauses run while the actors still work;
 *   <li>every main program or OS thread blocked in a park is released with the error {@code runtime
 *       stopped}, and every Java future still pending (channel operations, {@code eval}, {@code
 *       call}) fails with the exception the API layer registered.
 * </ol>
 */
final class RuntimeStop {
  private static final ErrorObject STOPPED = new ErrorObject("runtime stopped");

  private final FiberRuntime runtime;
  private final Set<CompletableFuture<Outcome>> blocked = ConcurrentHashMap.newKeySet();
  private final Set<Pending> pending = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  RuntimeStop(FiberRuntime runtime) {
    this.runtime = runtime;
  }

  private record Pending(CompletableFuture<?> future, Supplier<? extends Throwable> error) {}

  boolean isStopping() {
    return stopping;
  }

  /** The outcome a park gets once the runtime has stopped. */
  static Outcome stoppedOutcome() {
    return new Outcome(STOPPED, true);
  }

  /** A blocked host's wait; released by {@link #stop}. False if the runtime stopped already. */
  boolean addBlocked(CompletableFuture<Outcome> done) {
    blocked.add(done);
    if (stopping) {
      blocked.remove(done);
      return false;
    }
    return true;
  }

  void removeBlocked(CompletableFuture<Outcome> done) {
    blocked.remove(done);
  }

  /** {@code stage}, or a failure with {@code error} if the runtime stops before it completes. */
  <T> CompletableFuture<T> untilStopped(
      CompletionStage<T> stage, Supplier<? extends Throwable> error) {
    CompletableFuture<T> out = new CompletableFuture<>();
    Pending p = new Pending(out, error);
    pending.add(p);
    stage.whenComplete(
        (v, e) -> {
          pending.remove(p);
          if (e != null) {
            out.completeExceptionally(e);
          } else {
            out.complete(v);
          }
        });
    if (stopping) {
      fail(p);
    }
    return out;
  }

  /**
   * Stops the runtime; with {@code cancelFibers}, cancels them and waits at most {@code
   * graceMillis}.
   */
  void stop(boolean cancelFibers, long graceMillis) {
    stopping = true;
    if (cancelFibers) {
      List<FiberTask> live = runtime.liveFibers();
      live.forEach(FiberTask::cancel);
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
      while (!runtime.liveFibers().isEmpty() && System.nanoTime() < deadline) {
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    for (CompletableFuture<Outcome> done : List.copyOf(blocked)) {
      done.complete(stoppedOutcome());
    }
    List.copyOf(pending).forEach(RuntimeStop::fail);
  }

  private static void fail(Pending p) {
    p.future().completeExceptionally(p.error().get());
  }
}
