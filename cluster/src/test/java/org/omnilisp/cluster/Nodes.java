package org.omnilisp.cluster;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.omnilisp.api.OmniLisp;
import org.omnilisp.cluster.ClusterConfig.HostPort;

/** Runtimes that are nodes of one cluster on 127.0.0.1 (free ports), closed together. */
final class Nodes implements AutoCloseable {
  static final long DOWN_AFTER_MS = 2000;
  final List<OmniLisp> all = new ArrayList<>();

  /** A node that forms a new cluster (no seed). */
  OmniLisp first() {
    return add(List.of());
  }

  /** A node that joins through {@code seed}'s address. */
  OmniLisp joining(OmniLisp seed) {
    return add(List.of(HostPort.parse("seed", self(seed))));
  }

  /** A node that joins through {@code seed} and, when stopped, vanishes without leaving. */
  OmniLisp crashing(OmniLisp seed) {
    return add(
        List.of(HostPort.parse("seed", self(seed))),
        "pekko.coordinated-shutdown.run-by-actor-system-terminate = off");
  }

  /** A node at {@code address} (e.g. one that comes back after a crash) joining through seed. */
  OmniLisp at(String address, OmniLisp seed) {
    return add(HostPort.parse("node", address), List.of(HostPort.parse("seed", self(seed))), "");
  }

  private OmniLisp add(List<HostPort> seeds) {
    return add(seeds, "");
  }

  private OmniLisp add(List<HostPort> seeds, String extra) {
    return add(new HostPort("127.0.0.1", 0), seeds, extra);
  }

  private OmniLisp add(HostPort self, List<HostPort> seeds, String extra) {
    OmniLisp lisp =
        OmniLisp.create(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            ClusterConfig.node(self, seeds, DOWN_AFTER_MS)
                .withFallback(
                    com.typesafe.config.ConfigFactory.parseString(
                        "pekko.loglevel = WARNING\npekko.log-dead-letters = off")));
    all.add(lisp);
    return lisp;
  }

  /**
   * A second view of {@code lisp}'s cluster module whose test hooks (see {@link ClusterNode#chaos})
   * the test controls: its cluster procedures replace the module's own.
   */
  static ClusterNode instrument(OmniLisp lisp) {
    ClusterNode node = new ClusterNode(lisp.fibers());
    ClusterPrimitives.install(node);
    return node;
  }

  static String self(OmniLisp lisp) {
    return (String) lisp.evalHere("(cluster-self)", "test");
  }

  /** Waits until every node sees {@code n} members up. */
  void awaitUp(int n) throws InterruptedException {
    awaitUp(n, all);
  }

  /** Waits until each of {@code nodes} sees {@code n} members up. */
  static void awaitUp(int n, List<OmniLisp> nodes) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    for (OmniLisp lisp : nodes) {
      self(lisp); // starts its actor system, which joins
    }
    for (OmniLisp lisp : nodes) {
      while (count(lisp) < n) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("cluster did not reach " + n + " members");
        }
        Thread.sleep(50);
      }
    }
  }

  static int count(OmniLisp lisp) {
    return ((Long) lisp.evalHere("(length (cluster-members))", "test")).intValue();
  }

  @Override
  public void close() {
    for (OmniLisp lisp : all) {
      try {
        lisp.close();
      } catch (RuntimeException e) {
        // closing the others matters more
      }
    }
  }
}
