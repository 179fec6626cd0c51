package org.omnilisp.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.omnilisp.channels.api.ChannelHandle;
import org.omnilisp.channels.api.Channels;
import org.omnilisp.channels.internal.ChannelState;
import org.omnilisp.cluster.Messages.ChannelRef;
import org.omnilisp.cluster.Messages.ExporterCommand;
import org.omnilisp.fibers.FiberRuntime;
import org.omnilisp.fibers.LispChannel;
import org.omnilisp.lang.Errors;

/**
 * One runtime's view of the cluster: its exported channels (one exporter actor each, kept while the
 * runtime lives) and its proxies of other nodes' channels (one per remote channel, so a channel
 * that arrives twice is the same Lisp value). Nothing starts before the first cluster primitive or
 * remote value.
 */
final class ClusterNode {
  private final FiberRuntime runtime;
  private final Map<ChannelHandle, ActorRef<ExporterCommand>> exporters = new ConcurrentHashMap<>();
  private final Map<ActorRef<ExporterCommand>, LispChannel> local = new ConcurrentHashMap<>();
  private final Map<ActorRef<ExporterCommand>, LispChannel> remote = new ConcurrentHashMap<>();
  private final Map<ActorRef<ExporterCommand>, Boolean> down = new ConcurrentHashMap<>();
  private final AtomicLong names = new AtomicLong();
  private volatile ActorRef<Messages.FiberEvent> remoteFibers;

  /**
   * Where exporters and proxies run: the fiber dispatcher, whose workers run the next message of a
   * chain on the same thread, so a reply goes on to the parked fiber (and a fiber's request to its
   * proxy) without waking another thread.
   */
  private static Props onFiberPool() {
    return FiberDispatcherProps.PROPS;
  }

  /**
   * Made when first used, not when the runtime installs this module: making it loads Scala's
   * library and Pekko's typed actors, which a script that never joins a cluster does not need.
   */
  private static final class FiberDispatcherProps {
    static final Props PROPS =
        org.apache.pekko.actor.typed.DispatcherSelector.fromConfig("omni.fiber-dispatcher");
  }

  ClusterNode(FiberRuntime runtime) {
    this.runtime = runtime;
  }

  /** The actor system, checked to be a cluster node ({@code op} names the primitive). */
  ActorSystem<Void> system(String op) {
    ActorSystem<Void> system = runtime.actorSystem(); // starts it: see started
    if (!isCluster(system)) {
      throw Errors.error(
          op + ": this runtime is not a cluster node (start it with omni --cluster HOST:PORT)");
    }
    return system;
  }

  private static boolean isCluster(ActorSystem<Void> system) {
    String provider = system.settings().config().getString("pekko.actor.provider");
    return provider.equals("cluster") || provider.endsWith("ClusterActorRefProvider");
  }

  /**
   * The runtime's actor system has started: if it is a cluster node, it joins (or forms) the
   * cluster and starts its fiber spawner, so that every member can take {@code spawn-at} requests.
   */
  void started(ActorSystem<Void> system) {
    if (!isCluster(system)) {
      return;
    }
    // Other nodes may wake this one at any time: its deadlock detector stands down.
    runtime.ioStarted();
    Cluster cluster = Cluster.get(system);
    var config = system.settings().config();
    if (config.hasPath("omni.cluster.form-alone") && config.getBoolean("omni.cluster.form-alone")) {
      cluster
          .manager()
          .tell(org.apache.pekko.cluster.typed.Join.create(cluster.selfMember().address()));
    }
    Linked.spawnSpawner(system, this);
  }

  /**
   * Calls whose linking loads Scala's library (a catch of a Pekko exception, a Scala execution
   * context): in a class of their own, linked when a cluster node starts rather than when the
   * runtime installs this module in every script.
   */
  private static final class Linked {
    static void spawnSpawner(ActorSystem<Void> system, ClusterNode node) {
      try {
        system.systemActorOf(FiberSpawner.create(node), FiberSpawner.NAME, Props.empty());
      } catch (org.apache.pekko.actor.InvalidActorNameException taken) {
        // another runtime on this actor system has it: spawn-at reaches that runtime
      }
    }

    static void later(ActorSystem<Void> s, long ms, Runnable action) {
      s.scheduler().scheduleOnce(java.time.Duration.ofMillis(ms), action, s.executionContext());
    }
  }

  static String hostPort(Address a) {
    return a.host().isDefined() ? a.host().get() + ":" + a.port().get() : "local";
  }

  String self() {
    return hostPort(Cluster.get(system("cluster-self")).selfMember().address());
  }

  List<String> members() {
    Cluster cluster = Cluster.get(system("cluster-members"));
    return java.util.stream.StreamSupport.stream(cluster.state().getMembers().spliterator(), false)
        .filter(m -> m.status() == MemberStatus.up())
        .map(m -> hostPort(m.address()))
        .sorted()
        .toList();
  }

  /** The exporter of a channel of this node (made on first use), as it goes on the wire. */
  ChannelRef export(LispChannel ch) {
    ActorRef<ExporterCommand> ref = exporterOf(ch);
    return new ChannelRef(ref, ch.handle().id(), ch.handle().capacity());
  }

  ActorRef<ExporterCommand> exporterOf(LispChannel ch) {
    for (Map.Entry<ActorRef<ExporterCommand>, LispChannel> e : remote.entrySet()) {
      if (e.getValue() == ch) {
        return e.getKey(); // a remote channel passed on: it is still its owner's channel
      }
    }
    ActorSystem<Void> system = system("send");
    return exporters.computeIfAbsent(
        ch.handle(),
        h -> {
          ActorRef<ExporterCommand> ref =
              system.systemActorOf(
                  ChannelExporter.create(this, ch),
                  "omni-chan-export-"
                      + h.id()
                      + "-c"
                      + h.capacity()
                      + "-"
                      + names.incrementAndGet(),
                  onFiberPool());
          local.put(ref, ch);
          return ref;
        });
  }

  boolean isLocal(LispChannel ch) {
    return remote.values().stream().noneMatch(c -> c == ch);
  }

  /** The channel of an exporter found by name: its number and capacity are in its actor name. */
  LispChannel importExporter(ActorRef<ExporterCommand> exporter) {
    String[] parts = exporter.path().name().split("-");
    long id = Long.parseLong(parts[3]);
    int capacity = Integer.parseInt(parts[4].substring(1));
    return importChannel(new ChannelRef(exporter, id, capacity));
  }

  /** A channel that arrived on the wire: this node's own, or the proxy of another node's. */
  LispChannel importChannel(ChannelRef ref) {
    LispChannel mine = local.get(ref.exporter());
    if (mine != null) {
      return mine;
    }
    return remote.computeIfAbsent(ref.exporter(), e -> newProxy(ref));
  }

  private LispChannel newProxy(ChannelRef ref) {
    ActorSystem<Void> system = system("recv");
    ChannelState state = new ChannelState();
    String address = hostPort(ref.exporter().path().address());
    ActorRef<Object> proxy =
        system.systemActorOf(
            ChannelProxy.create(this, ref.exporter(), state),
            "omni-chan-proxy-" + ref.id() + "-" + names.incrementAndGet(),
            onFiberPool());
    ActorRef<org.omnilisp.channels.api.ChannelProtocol.Command> commands = proxy.narrow();
    ChannelHandle handle = Channels.forward(commands, ref.id(), ref.capacity(), state);
    ActorRef<ExporterCommand> exporter = ref.exporter();
    return LispChannel.remote(
        handle,
        (op, value) -> {
          if (down.containsKey(exporter)) {
            throw new org.omnilisp.lang.LispThrow(ChannelProxy.nodeDown(op, address));
          }
          return Wire.export(op, value, this);
        });
  }

  /** Test hook: delays or drops protocol messages (null: every message goes at once). */
  volatile Chaos chaos;

  /** Tells {@code to} a protocol message (through the test hook, if one is set). */
  <T> void deliver(ActorRef<T> to, T message) {
    Chaos c = chaos;
    if (c == null) {
      to.tell(message);
      return;
    }
    long ms = c.delayMillis(message);
    if (ms == 0) {
      to.tell(message);
    } else if (ms > 0) {
      Linked.later(runtime.actorSystem(), ms, () -> to.tell(message));
    }
  }

  /** The node behind {@code exporter} is gone: later sends on its channel fail at once. */
  void proxyDown(ActorRef<ExporterCommand> exporter) {
    down.put(exporter, Boolean.TRUE);
  }

  /** The member at {@code address} ("HOST:PORT") that is up, or null. */
  Member member(String address) {
    Cluster cluster = Cluster.get(system("spawn-at"));
    for (Member m : cluster.state().getMembers()) {
      if ((m.status() == MemberStatus.up() || m.status() == MemberStatus.weaklyUp())
          && hostPort(m.address()).equals(address)) {
        return m;
      }
    }
    return null;
  }

  /** The fiber spawner of a member. */
  ActorRef<Messages.SpawnerCommand> spawnerOf(Member m) {
    return org.apache.pekko.actor.typed.ActorRefResolver.get(system("spawn-at"))
        .resolveActorRef(m.address().toString() + "/system/" + FiberSpawner.NAME);
  }

  /** The actor that hears about this node's remote fibers (made on first use). */
  ActorRef<Messages.FiberEvent> remoteFibers() {
    ActorRef<Messages.FiberEvent> r = remoteFibers;
    if (r == null) {
      synchronized (this) {
        r = remoteFibers;
        if (r == null) {
          r =
              system("spawn-at")
                  .systemActorOf(
                      RemoteFibers.create(this),
                      "omni-remote-fibers-" + names.incrementAndGet(),
                      Props.empty());
          remoteFibers = r;
        }
      }
    }
    return r;
  }

  FiberRuntime runtime() {
    return runtime;
  }
}
