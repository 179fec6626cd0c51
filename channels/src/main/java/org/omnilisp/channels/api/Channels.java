package org.omnilisp.channels.api;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.internal.adapter.PropsAdapter;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.omnilisp.channels.api.ChannelProtocol.Command;
import org.omnilisp.channels.internal.ChannelActor;
import org.omnilisp.channels.internal.ChannelState;

/**
 * Makes channels. A channel's actor stops once its {@link ChannelHandle} has been garbage
 * collected: then nobody can send to it any more (a party parked on it holds the handle through its
 * operation), so a program that makes many short-lived channels does not accumulate actors.
 */
public final class Channels {
  private static final AtomicLong NAMES = new AtomicLong();

  /** Stops the actors of collected handles (one daemon thread for the JVM; it holds no state). */
  private static final Cleaner CLEANER =
      Cleaner.create(
          r -> {
            Thread t = new Thread(r, "omni-channel-cleaner");
            t.setDaemon(true);
            return t;
          });

  private Channels() {}

  /**
   * A channel of {@code capacity} (0: rendezvous) whose actor is a system actor of {@code system},
   * spawned synchronously (a system actor: safe from any thread). {@code props} chooses its
   * dispatcher, e.g. {@code DispatcherSelector.fromConfig("omnilisp.fiber-dispatcher")}.
   *
   * <p>Unlike {@code ActorSystem.systemActorOf}, which wraps the behaviour in {@code
   * Behaviors.supervise(...).onFailure(stop)} (an interceptor on every message: measurable on
   * channel-heavy programs), the actor is spawned through the classic system directly; the channel
   * actor stops itself on an internal failure, as that supervision would.
   *
   * @throws IllegalArgumentException if capacity is negative
   */
  public static ChannelHandle create(ActorSystem<?> system, int capacity, long id, Props props) {
    checkCapacity(capacity);
    String name = "channel-" + id + "-" + NAMES.getAndIncrement();
    ExtendedActorSystem classic = (ExtendedActorSystem) Adapter.toClassic(system);
    return create(
        b ->
            Adapter.toTyped(classic.systemActorOf(PropsAdapter.apply(() -> b, props, false), name)),
        capacity,
        id);
  }

  /** As above, on the default dispatcher. */
  public static ChannelHandle create(ActorSystem<?> system, int capacity, long id) {
    return create(system, capacity, id, Props.empty());
  }

  /**
   * A channel whose actor {@code spawn} creates (from inside an actor, say {@code
   * context::spawnAnonymous}, so that the channel lives in that actor's subtree).
   *
   * @throws IllegalArgumentException if capacity is negative
   */
  public static ChannelHandle create(
      Function<Behavior<Command>, ActorRef<Command>> spawn, int capacity, long id) {
    checkCapacity(capacity);
    ChannelState state = new ChannelState();
    ActorRef<Command> ref = spawn.apply(ChannelActor.create(capacity, state));
    ChannelHandle handle = new ChannelHandle(ref, id, capacity, state);
    CLEANER.register(handle, new StopWhenUnreachable(ref));
    return handle;
  }

  /**
   * A handle whose messages go to {@code ref}, an actor that speaks {@link ChannelProtocol} on
   * behalf of a channel elsewhere (a remote channel's proxy); {@code state} is its closed flag,
   * which the proxy sets when it learns the channel is closed. No cleaner: the proxy owns its life.
   */
  public static ChannelHandle forward(
      ActorRef<Command> ref, long id, int capacity, ChannelState state) {
    checkCapacity(capacity);
    return new ChannelHandle(ref, id, capacity, state);
  }

  /** The cleaning action: must not refer to the handle, or it would never become unreachable. */
  private record StopWhenUnreachable(ActorRef<Command> ref) implements Runnable {
    @Override
    public void run() {
      ref.tell(ChannelActor.unreachable());
    }
  }

  private static void checkCapacity(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException(
          "channel capacity must be a non-negative integer, got " + capacity);
    }
  }
}
