package org.omnilisp.cluster;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.omnilisp.cluster.Messages.FiberEnded;
import org.omnilisp.cluster.Messages.FiberEvent;
import org.omnilisp.cluster.Messages.SpawnRequest;
import org.omnilisp.cluster.Messages.Spawned;
import org.omnilisp.cluster.Messages.SpawnerCommand;

/**
 * On the calling node (one per runtime, made by the first {@code spawn-at}): sends the spawn
 * requests, receives what the far nodes report about those fibers, and death-watches each far
 * node's {@link FiberSpawner}: when it goes, that node's unfinished fibers fail with {@code node
 * down}.
 */
final class RemoteFibers extends AbstractBehavior<FiberEvent> {
  /** Start {@code fiber} on its node with {@code request} (local only, from spawn-at). */
  record Start(RemoteFiber fiber, SpawnRequest request) implements FiberEvent {}

  private final Map<Long, RemoteFiber> fibers = new HashMap<>();
  private final Set<ActorRef<SpawnerCommand>> watched = new HashSet<>();

  private final ClusterNode node;

  static Behavior<FiberEvent> create(ClusterNode node) {
    return Behaviors.setup(ctx -> new RemoteFibers(ctx, node));
  }

  private RemoteFibers(ActorContext<FiberEvent> ctx, ClusterNode node) {
    super(ctx);
    this.node = node;
  }

  @Override
  public Receive<FiberEvent> createReceive() {
    return newReceiveBuilder()
        .onMessage(Start.class, this::onStart)
        .onMessage(Spawned.class, this::onSpawned)
        .onMessage(FiberEnded.class, this::onEnded)
        .onSignal(Terminated.class, this::onNodeGone)
        .build();
  }

  private Behavior<FiberEvent> onStart(Start s) {
    RemoteFiber f = s.fiber();
    fibers.put(f.id, f);
    if (watched.add(f.spawner)) {
      getContext().watch(f.spawner);
    }
    f.spawner.tell(s.request());
    return this;
  }

  private Behavior<FiberEvent> onSpawned(Spawned s) {
    RemoteFiber f = fibers.get(s.id());
    if (f != null) {
      if (s.error() != null) {
        fibers.remove(s.id());
      }
      f.started(s.error());
    }
    return this;
  }

  private Behavior<FiberEvent> onEnded(FiberEnded e) {
    RemoteFiber f = fibers.remove(e.id());
    if (f != null) {
      f.end(e.ok(), Wire.importValue(e.value(), node));
    }
    return this;
  }

  private Behavior<FiberEvent> onNodeGone(Terminated t) {
    watched.remove(t.getRef());
    for (Iterator<RemoteFiber> it = fibers.values().iterator(); it.hasNext(); ) {
      RemoteFiber f = it.next();
      if (f.spawner.equals(t.getRef())) {
        it.remove();
        f.nodeDown();
      }
    }
    return this;
  }
}
