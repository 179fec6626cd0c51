package org.omnilisp.http;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.settings.ConnectionPoolSettings;
import org.apache.pekko.stream.Materializer;
import org.omnilisp.fibers.FiberRuntime;

/**
 * The Pekko HTTP side of one runtime: its actor system's {@code Http} extension, a materializer and
 * the settings under {@code omni.http}, made on first use (so a script that never serves or
 * requests starts nothing).
 */
final class HttpEngine {
  final FiberRuntime fibers;
  private volatile Parts parts;

  record Parts(
      ActorSystem<Void> system,
      Http http,
      Materializer materializer,
      ConnectionPoolSettings pool,
      long bodyTimeoutMillis,
      Duration stopDeadline) {}

  HttpEngine(FiberRuntime fibers) {
    this.fibers = fibers;
  }

  Parts parts() {
    Parts p = parts;
    if (p == null) {
      synchronized (this) {
        p = parts;
        if (p == null) {
          p = start();
          parts = p;
        }
      }
    }
    return p;
  }

  /** Servers that are open now: the runtime's close stops them. */
  final java.util.Set<HttpServer> servers = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private Parts start() {
    ActorSystem<Void> system = fibers.actorSystem();
    fibers.onClose(this::close);
    Config config = system.settings().config().getConfig("omni.http");
    Config client = config.getConfig("client");
    ConnectionPoolSettings pool =
        ConnectionPoolSettings.create(system.classicSystem())
            .withMaxConnections(client.getInt("max-connections"))
            .withMaxOpenRequests(client.getInt("max-open-requests"))
            .withMaxRetries(client.getInt("max-retries"));
    return new Parts(
        system,
        Http.get(system),
        Materializer.matFromSystem(system),
        pool,
        config.getDuration("body-timeout").toMillis(),
        config.getDuration("stop-deadline"));
  }

  /**
   * When the runtime closes: stop its servers (an application's actor system goes on after the
   * runtime) and its client pools, which would otherwise log an error when the system stops under
   * them.
   */
  private void close() {
    java.util.List.copyOf(servers).forEach(HttpServer::stop);
    try {
      parts().http().shutdownAllConnectionPools().toCompletableFuture().get(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // the system stops anyway
    }
  }
}
