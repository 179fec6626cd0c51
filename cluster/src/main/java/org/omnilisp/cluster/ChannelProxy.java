package org.omnilisp.cluster;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.omnilisp.channels.api.ChannelProtocol;
import org.omnilisp.channels.api.ReplyTo;
import org.omnilisp.channels.api.Waiter;
import org.omnilisp.channels.internal.ChannelState;
import org.omnilisp.cluster.Messages.ExporterCommand;
import org.omnilisp.cluster.Messages.ProxyEvent;
import org.omnilisp.cluster.Messages.Reply;
import org.omnilisp.cluster.Messages.Request;
import org.omnilisp.lang.ErrorObject;

/**
 * On a node that uses another node's channel: speaks the local channel protocol to this node's
 * fibers (through an ordinary {@code ChannelHandle}) and turns each operation into a numbered
 * {@link Request} to the channel's exporter. It watches the exporter: once the owning node leaves
 * or is downed, every pending and later operation fails with {@code node down}.
 *
 * <p>A parked offer completes on the owning node first, then here: the reply claims the local
 * waiter. If that waiter was claimed meanwhile (its fiber canceled, or another select clause won),
 * a received value is sent back into the channel (REQUEUE), so it is never lost.
 */
final class ChannelProxy extends AbstractBehavior<Object> {
  private final ClusterNode node;
  private final ActorRef<ExporterCommand> exporter;
  private final String address;
  private final ChannelState state;
  private final ActorRef<ProxyEvent> self;
  private final Map<Long, Pending> pending = new HashMap<>();

  /** OFFERs whose waiter this proxy has claimed (COMMIT sent): it completes them itself. */
  private final java.util.Set<Long> committed = new java.util.HashSet<>();

  private long nextOp;
  private boolean down;

  /** A parked offer (waiter set) or a one-shot request (reply set). */
  private record Pending(int kind, Waiter waiter, int clause, ReplyTo<Object> reply) {}

  /** A reply whose waiter was busy (held by another channel for an instant): try again. */
  private record Retry(Reply reply, Pending p) {}

  static Behavior<Object> create(
      ClusterNode node, ActorRef<ExporterCommand> exporter, ChannelState state) {
    return Behaviors.setup(ctx -> new ChannelProxy(ctx, node, exporter, state));
  }

  private ChannelProxy(
      ActorContext<Object> ctx,
      ClusterNode node,
      ActorRef<ExporterCommand> exporter,
      ChannelState state) {
    super(ctx);
    this.node = node;
    this.exporter = exporter;
    this.address = ClusterNode.hostPort(exporter.path().address());
    this.state = state;
    this.self = ctx.getSelf().narrow();
    ctx.watch(exporter);
  }

  /** The error of every operation once the owning node is gone. */
  static ErrorObject nodeDown(String op, String address) {
    return new ErrorObject(op + ": node down: " + address);
  }

  boolean isDown() {
    return down;
  }

  @Override
  public Receive<Object> createReceive() {
    return newReceiveBuilder()
        .onMessage(
            ChannelProtocol.Send.class,
            m ->
                park(
                    m.waiter().canRetry() ? Messages.OFFER : Messages.SEND,
                    m.waiter(),
                    m.clause(),
                    m.value()))
        .onMessage(
            ChannelProtocol.Recv.class, m -> park(Messages.RECV, m.waiter(), m.clause(), null))
        .onMessage(ChannelProtocol.TrySend.class, this::onTrySend)
        .onMessage(ChannelProtocol.TryRecv.class, m -> ask(Messages.TRY_RECV, null, m.replyTo()))
        .onMessage(
            ChannelProtocol.Poll.class,
            m ->
                ask(
                    m.value() == null ? Messages.POLL_RECV : Messages.POLL_SEND,
                    m.value(),
                    m.replyTo()))
        .onMessage(ChannelProtocol.Withdraw.class, this::onWithdraw)
        .onMessage(ChannelProtocol.Close.class, m -> tell(Messages.CLOSE, 0, null))
        .onMessage(Reply.class, this::onReply)
        .onMessage(Retry.class, this::onRetry)
        .onSignal(Terminated.class, t -> onExporterGone())
        .build();
  }

  private Behavior<Object> tell(int kind, long op, Object value) {
    if (!down) {
      node.deliver(exporter, new Request(kind, op, value, self));
    }
    return this;
  }

  private Behavior<Object> onRetry(Retry r) {
    return r.reply().outcome() == Messages.READY ? onReady(r.reply()) : complete(r.reply(), r.p());
  }

  /**
   * An OFFER met demand on the owning node: claim the select here first; only then may the value go
   * (COMMIT). If the select fired elsewhere meanwhile, the offer is withdrawn unsent.
   */
  private Behavior<Object> onReady(Reply r) {
    Pending p = pending.get(r.op());
    if (p == null || committed.contains(r.op())) {
      return p == null ? tell(Messages.WITHDRAW, r.op(), null) : this;
    }
    switch (p.waiter().tryClaim()) {
      case WON -> {
        committed.add(r.op());
        tell(Messages.COMMIT, r.op(), null);
      }
      case LOST -> {
        pending.remove(r.op());
        tell(Messages.WITHDRAW, r.op(), null);
      }
      case BUSY -> getContext().getSelf().tell(new Retry(r, p));
    }
    return this;
  }

  /** The outcome of a COMMIT: the waiter is this proxy's already. */
  private void completeCommitted(Reply r, Pending p) {
    Waiter w = p.waiter();
    switch (r.outcome()) {
      case Messages.SENT -> w.onSent(p.clause());
      case Messages.MISSED -> w.onRetry(p.clause());
      case Messages.FAILED -> w.onFailed(p.clause(), Wire.importValue(r.value(), node));
      default -> {
        state.markClosed();
        w.onClosed(p.clause());
      }
    }
  }

  private Behavior<Object> park(int kind, Waiter w, int clause, Object value) {
    Pending p = new Pending(kind, w, clause, null);
    if (down) {
      fail(p);
      return this;
    }
    long op = ++nextOp;
    pending.put(op, p);
    return tell(kind, op, value);
  }

  private Behavior<Object> onTrySend(ChannelProtocol.TrySend m) {
    ReplyTo<Boolean> r = m.replyTo();
    return ask(Messages.TRY_SEND, m.value(), v -> r.tell(v == ChannelProtocol.SENT));
  }

  private Behavior<Object> ask(int kind, Object value, ReplyTo<Object> reply) {
    Pending p = new Pending(kind, null, 0, reply);
    if (down) {
      fail(p);
      return this;
    }
    long op = ++nextOp;
    pending.put(op, p);
    return tell(kind, op, value);
  }

  /** A waiter claimed elsewhere (canceled, or another clause won): withdraw its offers. */
  private Behavior<Object> onWithdraw(ChannelProtocol.Withdraw m) {
    for (Iterator<Map.Entry<Long, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, Pending> e = it.next();
      if (e.getValue().waiter() == m.waiter()
          && m.waiter().isClaimed()
          && !committed.contains(e.getKey())) {
        it.remove();
        tell(Messages.WITHDRAW, e.getKey(), null);
      }
    }
    return this;
  }

  private Behavior<Object> onReply(Reply r) {
    if (r.outcome() == Messages.READY) {
      return onReady(r);
    }
    Pending p = pending.remove(r.op());
    if (p != null && committed.remove(r.op())) {
      completeCommitted(r, p);
      return this;
    }
    if (p == null) {
      // The offer was withdrawn but completed on the owning node first: give a value back.
      if (r.outcome() == Messages.RECEIVED) {
        tell(Messages.REQUEUE, 0, r.value());
      }
      return this;
    }
    return complete(r, p);
  }

  private Behavior<Object> complete(Reply r, Pending p) {
    if (r.outcome() == Messages.CLOSED) {
      state.markClosed();
    }
    if (p.reply() != null) {
      p.reply().tell(answer(r));
      return this;
    }
    Waiter w = p.waiter();
    switch (w.tryClaim()) {
      case WON -> {
        switch (r.outcome()) {
          case Messages.SENT -> w.onSent(p.clause());
          case Messages.RECEIVED -> w.onReceived(p.clause(), Wire.importValue(r.value(), node));
          case Messages.FAILED -> w.onFailed(p.clause(), Wire.importValue(r.value(), node));
          default -> w.onClosed(p.clause());
        }
      }
      case LOST -> {
        if (r.outcome() == Messages.RECEIVED) {
          tell(Messages.REQUEUE, 0, r.value());
        }
      }
      case BUSY -> getContext().getSelf().tell(new Retry(r, p));
    }
    return this;
  }

  private Object answer(Reply r) {
    return switch (r.outcome()) {
      case Messages.SENT -> ChannelProtocol.SENT;
      case Messages.RECEIVED -> Wire.importValue(r.value(), node);
      case Messages.CLOSED -> ChannelProtocol.CLOSED;
      case Messages.FAILED -> new ChannelProtocol.Failed(Wire.importValue(r.value(), node));
      default -> ChannelProtocol.EMPTY;
    };
  }

  private Behavior<Object> onExporterGone() {
    down = true;
    node.proxyDown(exporter);
    for (Map.Entry<Long, Pending> e : pending.entrySet()) {
      if (committed.contains(e.getKey())) {
        Pending p = e.getValue();
        p.waiter().onFailed(p.clause(), nodeDown("send", address));
      } else {
        fail(e.getValue());
      }
    }
    pending.clear();
    committed.clear();
    return this;
  }

  private void fail(Pending p) {
    String op =
        switch (p.kind()) {
          case Messages.SEND, Messages.OFFER -> "send";
          case Messages.TRY_SEND -> "try-send";
          case Messages.TRY_RECV -> "try-recv";
          case Messages.POLL_SEND, Messages.POLL_RECV -> "select";
          default -> "recv";
        };
    ErrorObject error = nodeDown(op, address);
    if (p.reply() != null) {
      p.reply().tell(new ChannelProtocol.Failed(error));
      return;
    }
    Waiter w = p.waiter();
    switch (w.tryClaim()) {
      case WON -> w.onFailed(p.clause(), error);
      case LOST -> {}
      case BUSY -> getContext().getSelf().tell(new Retry(new Reply(0, Messages.FAILED, error), p));
    }
  }
}
