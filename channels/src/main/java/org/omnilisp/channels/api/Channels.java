package org.omnilisp.channels.api;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.omnilisp.channels.api.ChannelProtocol.Command;
import org.omnilisp.channels.internal.ChannelActor;
import org.omnilisp.channels.internal.ChannelCore;
import org.omnilisp.channels.internal.ChannelState;

/**
 * Makes channels. A local channel's actor is made when first needed (see {@link ChannelHandle});
 * once made, it stops when its {@link ChannelHandle} has been garbage collected: then nobody can
 * send to it any more (a party parked on it holds the handle through its operation), so a program
 * that makes many short-lived channels does not accumulate actors.
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
   * A channel of {@code capacity} (0: rendezvous) whose actor, when first needed, is a system actor
   * of {@code system}, spawned synchronously (a system actor: safe from any thread). {@code props}
   * chooses its dispatcher, e.g. {@code
   * DispatcherSelector.fromConfig("omnilisp.fiber-dispatcher")}.
   *
   * <p>Unlike {@code ActorSystem.systemActorOf}, which wraps the behaviour in {@code
   * Behaviors.supervise(...).onFailure(stop)} (an interceptor on every message: measurable on
   * channel-heavy programs), the actor is spawned through the classic system directly; the channel
   * actor stops itself on an internal failure, as that supervision would.
   *
   * @param system the actor system of the channel's actor
   * @param capacity how many values the channel buffers (0: rendezvous)
   * @param id the channel's id (its printed name and part of its actor's name)
   * @param props the props of the channel's actor (its dispatcher)
   * @return the new channel
   * @throws IllegalArgumentException if capacity is negative
   */
  public static ChannelHandle create(ActorSystem<?> system, int capacity, long id, Props props) {
    return new ChannelFactory(() -> system, () -> props).create(capacity, id);
  }

  /**
   * A channel whose actor, when first needed, is a system actor of {@code system} on the default
   * dispatcher.
   *
   * @param system the actor system of the channel's actor
   * @param capacity how many values the channel buffers (0: rendezvous)
   * @param id the channel's id (its printed name and part of its actor's name)
   * @return the new channel
   * @throws IllegalArgumentException if capacity is negative
   */
  public static ChannelHandle create(ActorSystem<?> system, int capacity, long id) {
    return create(system, capacity, id, Props.empty());
  }

  /**
   * A channel whose actor {@code spawn} creates (from inside an actor, say {@code
   * context::spawnAnonymous}, so that the channel lives in that actor's subtree).
   *
   * @param spawn makes the channel's actor from its behaviour (called once, now)
   * @param capacity how many values the channel buffers (0: rendezvous)
   * @param id the channel's id (its printed name)
   * @return the new channel
   * @throws IllegalArgumentException if capacity is negative
   */
  public static ChannelHandle create(
      Function<Behavior<Command>, ActorRef<Command>> spawn, int capacity, long id) {
    checkCapacity(capacity);
    ChannelCore core = new ChannelCore(capacity, Channels::callbackFailed);
    ActorRef<Command> ref = spawn.apply(ChannelActor.create(core));
    ChannelHandle handle = new ChannelHandle(h -> ref, core, id, capacity);
    handle.ref(); // now: {@code spawn} may be usable only here (an actor's context)
    stopWhenUnreachable(handle, ref);
    return handle;
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Channels.class);

  /** A unique name for the actor of {@code handle}. */
  static String actorName(ChannelHandle handle) {
    return "channel-" + handle.id() + "-" + NAMES.getAndIncrement();
  }

  /** From now on the actor stops once {@code handle} has been garbage collected. */
  static void stopWhenUnreachable(ChannelHandle handle, ActorRef<Command> ref) {
    CLEANER.register(handle, new StopWhenUnreachable(ref));
  }

  static void callbackFailed(RuntimeException e) {
    LOG.error("channel waiter callback failed", e);
  }

  /**
   * A handle whose messages go to {@code ref}, an actor that speaks {@link ChannelProtocol} on
   * behalf of a channel elsewhere (a remote channel's proxy); {@code state} is its closed flag,
   * which the proxy sets when it learns the channel is closed. No cleaner: the proxy owns its life.
   * For the cluster module only ({@code ChannelState} is internal: the module exports its package
   * to {@code org.omnilisp.cluster} alone).
   *
   * @param ref the proxy actor
   * @param id the channel's id
   * @param capacity the channel's buffer size
   * @param state the closed flag the proxy sets
   * @return a handle that sends to {@code ref}
   */
  @SuppressWarnings("exports")
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

  static void checkCapacity(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException(
          "channel capacity must be a non-negative integer, got " + capacity);
    }
  }
}
