package org.omnilisp.runner;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.omnilisp.cluster.ClusterConfig;
import org.omnilisp.cluster.ClusterConfig.HostPort;

/**
 * {@code --cluster HOST:PORT} and {@code --seed HOST:PORT}: the node's Pekko cluster configuration,
 * or an empty one (no remoting at all) without {@code --cluster}.
 */
final class ClusterOptions {
  /** How long a silent node stays unreachable before the split-brain resolver downs it. */
  static final long DOWN_AFTER_MS = 5000;

  private ClusterOptions() {}

  /** Does the command line ask for a cluster node (or give a seed, which needs one)? */
  static boolean wanted(CommandLine cli) {
    return cli.hasOption("cluster") || cli.hasOption("seed");
  }

  /**
   * @throws IllegalArgumentException for a malformed address or a seed without --cluster
   */
  static Config config(CommandLine cli) {
    String[] seeds = cli.getOptionValues("seed");
    if (!cli.hasOption("cluster")) {
      if (seeds != null) {
        throw new IllegalArgumentException("--seed needs --cluster HOST:PORT");
      }
      return ConfigFactory.empty();
    }
    HostPort self = HostPort.parse("--cluster", cli.getOptionValue("cluster"));
    List<HostPort> seedList = new ArrayList<>();
    if (seeds != null) {
      for (String seed : seeds) {
        seedList.add(HostPort.parse("--seed", seed));
      }
    }
    return ClusterConfig.node(self, seedList, DOWN_AFTER_MS);
  }
}
