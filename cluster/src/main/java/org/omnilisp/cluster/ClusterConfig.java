package org.omnilisp.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The Pekko configuration of a node started by {@code omni --cluster HOST:PORT [--seed
 * HOST:PORT]...}: Artery TCP at that address, the seeds (none: the node joins itself as soon as its
 * actor system starts, forming a new cluster), Lisp data bound to {@link WireSerializer}, and
 * downing by Pekko's split-brain resolver ({@code keep-oldest} with {@code down-if-alone}) deciding
 * {@code stable-after} after a node is found unreachable. Embedders use {@link #serialization()} in
 * their own configuration.
 */
public final class ClusterConfig {
  /** The name of the runtime's actor system (see FiberRuntime): part of every node's address. */
  public static final String SYSTEM = "omni";

  private ClusterConfig() {}

  /** A {@code HOST:PORT} address, checked (port 0: any free port, only for this node). */
  public record HostPort(String host, int port) {
    public static HostPort parse(String what, String text) {
      int colon = text == null ? -1 : text.lastIndexOf(':');
      if (colon <= 0 || colon == text.length() - 1) {
        throw new IllegalArgumentException(
            what + " must be HOST:PORT (e.g. 127.0.0.1:2552), got " + text);
      }
      String host = text.substring(0, colon);
      int port;
      try {
        port = Integer.parseInt(text.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 0 || port > 65535 || host.isBlank() || host.contains(" ")) {
        throw new IllegalArgumentException(
            what + " must be HOST:PORT with a port from 0 to 65535, got " + text);
      }
      return new HostPort(host, port);
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  /**
   * The node's configuration. {@code unreachableMillis}: how long a silent node may stay
   * unreachable before it is downed (failure detection plus the resolver's stable-after).
   */
  public static Config node(HostPort self, List<HostPort> seeds, long unreachableMillis) {
    List<String> seedUris = new ArrayList<>();
    for (HostPort s : seeds) {
      seedUris.add("pekko://" + SYSTEM + "@" + s.host() + ":" + s.port());
    }
    long pause = Math.max(500, unreachableMillis / 2);
    long stable = Math.max(500, unreachableMillis - pause);
    return ConfigFactory.parseString(
            "pekko.actor.provider = cluster\n"
                + "omni.cluster.form-alone = "
                + seeds.isEmpty()
                + "\n"
                + "pekko.remote.artery.transport = tcp\n"
                + "pekko.cluster.jmx.enabled = off\n"
                + "pekko.cluster.log-info = off\n"
                + "pekko.cluster.downing-provider-class ="
                + " \"org.apache.pekko.cluster.sbr.SplitBrainResolverProvider\"\n"
                + "pekko.cluster.split-brain-resolver.active-strategy = keep-oldest\n"
                + "pekko.cluster.split-brain-resolver.keep-oldest.down-if-alone = on\n"
                + "pekko.cluster.split-brain-resolver.stable-after = "
                + stable
                + "ms\n"
                + "pekko.cluster.split-brain-resolver.down-all-when-unstable = off\n"
                + "pekko.cluster.failure-detector.heartbeat-interval = 200ms\n"
                + "pekko.cluster.failure-detector.acceptable-heartbeat-pause = "
                + pause
                + "ms\n"
                + "pekko.cluster.unreachable-nodes-reaper-interval = 250ms\n"
                + "pekko.remote.artery.advanced.aeron.give-up-system-message-after = 10s\n")
        .withValue(
            "pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(self.host()))
        .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(self.port()))
        .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seedUris))
        .withFallback(serialization());
  }

  /** Binds the cluster messages to {@link WireSerializer}. */
  public static Config serialization() {
    return ConfigFactory.parseString(
        "pekko.actor.serializers.omni-wire = \"org.omnilisp.cluster.WireSerializer\"\n"
            + "pekko.actor.serialization-bindings {\n"
            + "  \"org.omnilisp.cluster.Messages$WireMessage\" = omni-wire\n"
            + "}\n");
  }
}
