package org.omnilisp.fibers;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;

/**
 * The runtime's calls into Pekko that pass a value where the API wants one of its supertypes (a
 * typed system as a classic system provider, a dispatcher selector as props, an executor as a Scala
 * execution context). Kept out of {@link FiberRuntime} for start-up: the JVM checks such
 * assignments when it links the class that makes them, loading both types, and these load Scala's
 * library (its jar's manifest alone is 160 KB to parse) and Pekko's actor jars. A script that never
 * spawns never links this class.
 */
final class SystemCalls {
  private SystemCalls() {}

  /** The props that select the fiber dispatcher {@code id}. */
  static Props dispatcher(String id) {
    return DispatcherSelector.fromConfig(id);
  }

  /** Runs {@code stop} in the service-stop phase of {@code s}'s coordinated shutdown. */
  static void onServiceStop(ActorSystem<Void> s, String name, Runnable stop) {
    CoordinatedShutdown.get(s)
        .addTask(
            CoordinatedShutdown.PhaseServiceStop(),
            name,
            () ->
                CompletableFuture.supplyAsync(
                    () -> {
                      stop.run();
                      return Done.getInstance();
                    }));
  }

  /** Runs {@code action} on {@code s}'s scheduler after {@code delay}. */
  static Cancellable scheduleOnce(ActorSystem<?> s, Duration delay, Runnable action) {
    return s.scheduler().scheduleOnce(delay, action, s.executionContext());
  }
}
