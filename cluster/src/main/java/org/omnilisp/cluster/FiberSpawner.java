package org.omnilisp.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.omnilisp.cluster.Messages.CancelRequest;
import org.omnilisp.cluster.Messages.FiberEnded;
import org.omnilisp.cluster.Messages.FiberEvent;
import org.omnilisp.cluster.Messages.SpawnRequest;
import org.omnilisp.cluster.Messages.Spawned;
import org.omnilisp.cluster.Messages.SpawnerCommand;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Printer;
import org.omnilisp.lang.Procedure;
import org.omnilisp.lang.Symbol;
import org.omnilisp.machine.Fiber;
import org.omnilisp.machine.FiberState;
import org.omnilisp.machine.Global;
import org.omnilisp.machine.MachinePrimitive;

/**
 * The far end of {@code spawn-at}, one per node (the system actor {@value #NAME}, started with the
 * node's actor system so that every member has one): runs the named global procedure in a new fiber
 * of this runtime, answers {@link Spawned} at once, and {@link FiberEnded} (the result or the
 * error, as wire values) when the fiber ends. Both go from this actor, so they arrive in order.
 */
final class FiberSpawner extends AbstractBehavior<SpawnerCommand> {
  static final String NAME = "omni-spawner";

  /** A fiber this node runs for another node: who asked, and its number there. */
  private record Key(ActorRef<FiberEvent> caller, long id) {}

  /** A fiber of ours ended (from its completion, on any thread). */
  private record Ended(Key key, Fiber fiber) implements SpawnerCommand {}

  private final ClusterNode node;
  private final Map<Key, Fiber> running = new HashMap<>();

  static Behavior<SpawnerCommand> create(ClusterNode node) {
    return Behaviors.setup(ctx -> new FiberSpawner(ctx, node));
  }

  private FiberSpawner(ActorContext<SpawnerCommand> ctx, ClusterNode node) {
    super(ctx);
    this.node = node;
  }

  @Override
  public Receive<SpawnerCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(SpawnRequest.class, this::onSpawn)
        .onMessage(CancelRequest.class, this::onCancel)
        .onMessage(Ended.class, this::onEnded)
        .build();
  }

  private Behavior<SpawnerCommand> onSpawn(SpawnRequest r) {
    String here = node.self();
    Global cell = node.runtime().interpreter().global(Symbol.of(r.name()));
    if (!cell.isBound()) {
      return refuse(r, "spawn-at: unbound variable " + r.name() + " on " + here);
    }
    if (!(cell.get() instanceof Procedure fn)) {
      return refuse(
          r,
          "spawn-at: "
              + r.name()
              + " on "
              + here
              + " is not a procedure: "
              + Printer.write(cell.get()));
    }
    List<Object> args = new ArrayList<>();
    for (Object cur = Wire.importValue(r.args(), node); cur instanceof Pair p; cur = p.cdr) {
      args.add(p.car);
    }
    Object[] argv = args.toArray();
    Fiber f =
        node.runtime()
            .spawn(new MachinePrimitive(r.name(), 0, 0, (m, unused) -> m.apply(fn, argv)));
    Key key = new Key(r.replyTo(), r.id());
    running.put(key, f);
    r.replyTo().tell(new Spawned(r.id(), null));
    ActorRef<SpawnerCommand> self = getContext().getSelf();
    node.runtime().completion(f).whenComplete((v, e) -> self.tell(new Ended(key, f)));
    return this;
  }

  private Behavior<SpawnerCommand> refuse(SpawnRequest r, String message) {
    r.replyTo().tell(new Spawned(r.id(), new ErrorObject(message)));
    return this;
  }

  private Behavior<SpawnerCommand> onCancel(CancelRequest r) {
    Fiber f = running.get(new Key(r.replyTo(), r.id()));
    if (f != null) {
      node.runtime().cancel(f);
    }
    return this;
  }

  private Behavior<SpawnerCommand> onEnded(Ended e) {
    running.remove(e.key());
    Fiber f = e.fiber();
    boolean ok = f.state() == FiberState.DONE;
    Object value;
    try {
      value = Wire.export("join", f.result(), node);
    } catch (LispThrow cannot) {
      ok = false;
      value = cannot.payload();
    }
    e.key().caller().tell(new FiberEnded(e.key().id(), ok, value));
    return this;
  }
}
