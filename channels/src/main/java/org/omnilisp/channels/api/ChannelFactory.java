package org.omnilisp.channels.api;

import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.internal.adapter.PropsAdapter;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.omnilisp.channels.api.ChannelProtocol.Command;
import org.omnilisp.channels.internal.ChannelActor;
import org.omnilisp.channels.internal.ChannelCore;

/**
 * Makes local channels whose actors, when first needed, are system actors of one actor system on
 * one dispatcher. Neither is looked at before a channel needs its actor, so a program that makes
 * channels nobody ever waits on starts no actor system for them. Thread-safe.
 */
public final class ChannelFactory {
  private final Supplier<? extends ActorSystem<?>> system;
  private final Supplier<Props> props;
  private final Function<ChannelHandle, ActorRef<Command>> spawner = this::spawn;
  private volatile ExtendedActorSystem classic;
  private volatile Props resolvedProps;

  /**
   * Channels on {@code system()}, their actors on the dispatcher {@code props()} chooses (e.g.
   * {@code DispatcherSelector.fromConfig(...)}); each supplier is called once, when the first
   * channel needs its actor.
   *
   * @param system the actor system of the channels' actors
   * @param props the props of the channels' actors (their dispatcher)
   */
  public ChannelFactory(Supplier<? extends ActorSystem<?>> system, Supplier<Props> props) {
    this.system = system;
    this.props = props;
  }

  /**
   * A channel of {@code capacity} (0: rendezvous).
   *
   * @param capacity how many values the channel buffers (0: rendezvous)
   * @param id the channel's id (its printed name and part of its actor's name)
   * @return the new channel
   * @throws IllegalArgumentException if capacity is negative
   */
  public ChannelHandle create(int capacity, long id) {
    Channels.checkCapacity(capacity);
    return new ChannelHandle(
        spawner, new ChannelCore(capacity, Channels::callbackFailed), id, capacity);
  }

  /** The actor of {@code handle}: spawned through the classic system (see {@link Channels}). */
  private ActorRef<Command> spawn(ChannelHandle handle) {
    ExtendedActorSystem c = classic;
    Props p = resolvedProps;
    if (c == null || p == null) {
      p = props.get();
      c = (ExtendedActorSystem) Adapter.toClassic(system.get());
      resolvedProps = p;
      classic = c;
    }
    Behavior<Command> b = ChannelActor.create(handle.core());
    Props chosen = p;
    ActorRef<Command> ref =
        Adapter.toTyped(
            c.systemActorOf(
                PropsAdapter.apply(() -> b, chosen, false), Channels.actorName(handle)));
    Channels.stopWhenUnreachable(handle, ref);
    return ref;
  }
}
