package org.omnilisp.channels.internal;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.japi.function.Function;
import org.omnilisp.channels.api.ChannelProtocol.Close;
import org.omnilisp.channels.api.ChannelProtocol.Command;
import org.omnilisp.channels.api.ChannelProtocol.Poll;
import org.omnilisp.channels.api.ChannelProtocol.Recv;
import org.omnilisp.channels.api.ChannelProtocol.Send;
import org.omnilisp.channels.api.ChannelProtocol.TryRecv;
import org.omnilisp.channels.api.ChannelProtocol.TrySend;
import org.omnilisp.channels.api.ChannelProtocol.Withdraw;
import org.omnilisp.channels.api.ReplyTo;

/**
 * The channel actor: a thin shell around {@link ChannelCore}, whose state it shares with the fast
 * paths of its handle (under the core's lock). It is made only when a party must park on the
 * channel (or Java code asks for its ref); each message costs one core call and no reply of its own
 * (completions go straight to the waiters). When a pump stopped at a waiter that another channel
 * holds BUSY, the actor sends itself one {@link Retry} and pumps again when it arrives; BUSY lasts
 * only a few instructions, so this loop ends quickly. It never blocks a thread.
 *
 * <p>The actor does not stop itself, not even when closed and drained: a later {@code Send} must
 * still be answered with closed, and a message sent to a stopped actor would be lost. It stops on
 * {@link #unreachable()}, which {@code Channels} sends once the channel's handle has been garbage
 * collected (nobody can send to it any more), or with its parent.
 */
public final class ChannelActor extends AbstractBehavior<Command> {
  private enum Retry implements Command {
    INSTANCE
  }

  private enum Unreachable implements Command {
    INSTANCE
  }

  /** The message that makes the actor pump again (a fast path met a BUSY waiter). */
  public static Command retry() {
    return Retry.INSTANCE;
  }

  /** The message that stops the actor: its handle is gone, so no operation can come any more. */
  public static Command unreachable() {
    return Unreachable.INSTANCE;
  }

  private final ChannelCore core; // also the handle's closed flag (a ChannelState)
  private boolean retryPending;

  private ChannelActor(ActorContext<Command> context, ChannelCore core) {
    super(context);
    this.core = core;
  }

  /** The actor of a channel whose state {@code core} the handle's fast paths share. */
  public static Behavior<Command> create(ChannelCore core) {
    return Behaviors.setup(context -> new ChannelActor(context, core));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Send.class, guarded(this::onSend))
        .onMessage(Recv.class, guarded(this::onRecv))
        .onMessage(TrySend.class, guarded(this::onTrySend))
        .onMessage(TryRecv.class, guarded(this::onTryRecv))
        .onMessage(Poll.class, guarded(this::onPoll))
        .onMessage(Withdraw.class, guarded(this::onWithdraw))
        .onMessage(Close.class, guarded(this::onClose))
        .onMessage(Retry.class, guarded(this::onRetry))
        .onMessageEquals(Unreachable.INSTANCE, this::onUnreachable)
        .build();
  }

  /**
   * A failure inside the actor (a bug: waiter callbacks are caught in the core) logs and stops it,
   * as {@code Behaviors.supervise(...).onFailure(stop)} would; the actor is spawned without that
   * wrapper, which costs an interceptor on every message.
   */
  private <M> Function<M, Behavior<Command>> guarded(Function<M, Behavior<Command>> handler) {
    return m -> {
      try {
        return handler.apply(m);
      } catch (RuntimeException e) {
        getContext().getLog().error("channel actor failed; stopping it", e);
        return Behaviors.stopped();
      }
    };
  }

  private Behavior<Command> onSend(Send m) {
    core.send(m.value(), m.waiter(), m.clause());
    return settled();
  }

  private Behavior<Command> onRecv(Recv m) {
    core.recv(m.waiter(), m.clause());
    return settled();
  }

  private Behavior<Command> onTrySend(TrySend m) {
    reply(m.replyTo(), core.trySend(m.value()));
    return settled();
  }

  private Behavior<Command> onTryRecv(TryRecv m) {
    reply(m.replyTo(), core.tryRecv());
    return settled();
  }

  private Behavior<Command> onPoll(Poll m) {
    reply(m.replyTo(), m.value() == null ? core.take() : core.offer(m.value()));
    return settled();
  }

  private Behavior<Command> onWithdraw(Withdraw m) {
    core.withdraw(m.waiter());
    return this;
  }

  private Behavior<Command> onClose(Close m) {
    core.markClosed();
    core.close();
    return settled();
  }

  /**
   * Nobody can send any more: the Java futures still waiting (which nothing could complete now) end
   * as on a close, then the actor stops.
   */
  private Behavior<Command> onUnreachable() {
    core.markClosed();
    core.close();
    return Behaviors.stopped();
  }

  private Behavior<Command> onRetry(Retry m) {
    retryPending = false;
    core.pump();
    return settled();
  }

  private <T> void reply(ReplyTo<T> replyTo, T answer) {
    try {
      replyTo.tell(answer);
    } catch (RuntimeException e) {
      getContext().getLog().error("channel reply failed", e);
    }
  }

  private Behavior<Command> settled() {
    if (core.blocked() && !retryPending) {
      retryPending = true;
      getContext().getSelf().tell(Retry.INSTANCE);
    }
    return this;
  }
}
