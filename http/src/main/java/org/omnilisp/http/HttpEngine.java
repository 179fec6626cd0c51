package org.omnilisp.http;

import com.typesafe.config.Config;
import java.time.Duration;
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

  private Parts start() {
    ActorSystem<Void> system = fibers.actorSystem();
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
}
