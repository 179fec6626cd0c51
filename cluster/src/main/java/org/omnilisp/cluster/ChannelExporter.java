package org.omnilisp.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.omnilisp.channels.api.ChannelHandle;
import org.omnilisp.channels.api.ChannelProtocol;
import org.omnilisp.channels.api.Waiter;
import org.omnilisp.cluster.Messages.ExporterCommand;
import org.omnilisp.cluster.Messages.ProxyEvent;
import org.omnilisp.cluster.Messages.Reply;
import org.omnilisp.cluster.Messages.Request;
import org.omnilisp.fibers.LispChannel;

/**
 * On the node that owns a channel: performs the operations that proxies on other nodes ask for,
 * each through the channel's ordinary handle, and replies to the proxy. Requests of one proxy
 * arrive in order (Pekko keeps the order between two actors), so per-sender FIFO holds. It watches
 * each proxy: when a proxy's node goes, that proxy's parked offers are canceled and withdrawn.
 */
final class ChannelExporter extends AbstractBehavior<ExporterCommand> {
  private final ClusterNode node;
  private final LispChannel channel;
  private final ChannelHandle handle;

  /**
   * A parked operation of a proxy: its waiter here, and for an OFFER the value, which stays here
   * until the proxy COMMITs it or withdraws.
   */
  private record Parked(Waiter waiter, Object value) {}

  /** Parked operations by proxy and operation number (completed ones remove themselves). */
  private final Map<ActorRef<ProxyEvent>, Map<Long, Parked>> parked = new HashMap<>();

  static Behavior<ExporterCommand> create(ClusterNode node, LispChannel channel) {
    return Behaviors.setup(ctx -> new ChannelExporter(ctx, node, channel));
  }

  private ChannelExporter(
      ActorContext<ExporterCommand> ctx, ClusterNode node, LispChannel channel) {
    super(ctx);
    this.node = node;
    this.channel = channel;
    this.handle = channel.handle();
  }

  @Override
  public Receive<ExporterCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(Request.class, this::onRequest)
        .onSignal(Terminated.class, this::onProxyGone)
        .build();
  }

  private Behavior<ExporterCommand> onRequest(Request r) {
    ActorRef<ProxyEvent> proxy = r.replyTo();
    switch (r.kind()) {
      case Messages.SEND -> park(proxy, r.op(), true, Wire.importValue(r.value(), node));
      case Messages.RECV -> park(proxy, r.op(), false, null);
      case Messages.TRY_SEND ->
          handle.trySend(
              Wire.importValue(r.value(), node),
              ok -> reply(proxy, new Reply(r.op(), ok ? Messages.SENT : Messages.REFUSED, null)));
      case Messages.TRY_RECV -> handle.tryRecv(v -> reply(proxy, received(r.op(), v)));
      case Messages.POLL_SEND ->
          handle.pollSend(Wire.importValue(r.value(), node), v -> reply(proxy, polled(r.op(), v)));
      case Messages.POLL_RECV -> handle.pollRecv(v -> reply(proxy, received(r.op(), v)));
      case Messages.CLOSE -> handle.close();
      case Messages.OFFER -> offer(proxy, r.op(), Wire.importValue(r.value(), node));
      case Messages.COMMIT -> commit(proxy, r.op());
      case Messages.WITHDRAW -> {
        Map<Long, Parked> ops = parked.get(proxy);
        Parked p = ops == null ? null : ops.remove(r.op());
        if (p != null && p.waiter().cancel()) {
          handle.withdraw(p.waiter());
        }
      }
      case Messages.REQUEUE -> handle.sendAsync(Wire.importValue(r.value(), node));
      default -> {}
    }
    return this;
  }

  private Reply received(long op, Object v) {
    if (v == ChannelProtocol.EMPTY) {
      return new Reply(op, Messages.EMPTY, null);
    }
    if (v == ChannelProtocol.CLOSED) {
      return new Reply(op, Messages.CLOSED, null);
    }
    return outgoing(op, v);
  }

  /** A value received for a proxy; one that cannot cross fails that proxy's operation. */
  private Reply outgoing(long op, Object v) {
    try {
      return new Reply(op, Messages.RECEIVED, Wire.export("recv", v, node));
    } catch (org.omnilisp.lang.LispThrow e) {
      return new Reply(op, Messages.FAILED, e.payload());
    }
  }

  private static Reply polled(long op, Object v) {
    int outcome =
        v == ChannelProtocol.SENT
            ? Messages.SENT
            : v == ChannelProtocol.CLOSED ? Messages.CLOSED : Messages.EMPTY;
    return new Reply(op, outcome, null);
  }

  private void reply(ActorRef<ProxyEvent> proxy, Reply r) {
    node.deliver(proxy, r);
  }

  private Map<Long, Parked> opsOf(ActorRef<ProxyEvent> proxy) {
    return parked.computeIfAbsent(
        proxy,
        p -> {
          getContext().watch(p);
          return new ConcurrentHashMap<>();
        });
  }

  /**
   * A select's send (the first half): waits for demand, and tells the proxy READY, keeping the
   * value; the proxy claims its select and COMMITs, or withdraws.
   */
  private void offer(ActorRef<ProxyEvent> proxy, long op, Object value) {
    Map<Long, Parked> ops = opsOf(proxy);
    Waiter w =
        new Waiter() {
          @Override
          public void onSent(int clause) {
            reply(proxy, new Reply(op, Messages.READY, null));
          }

          @Override
          public void onReceived(int clause, Object v) {
            throw new IllegalStateException("a demand receives nothing");
          }

          @Override
          public void onClosed(int clause) {
            ops.remove(op);
            reply(proxy, new Reply(op, Messages.CLOSED, null));
          }
        };
    ops.put(op, new Parked(w, value));
    handle.awaitDemand(w, 0);
  }

  /** The second half: the proxy's select is claimed for the offer; send now, or report MISSED. */
  private void commit(ActorRef<ProxyEvent> proxy, long op) {
    Map<Long, Parked> ops = parked.get(proxy);
    Parked p = ops == null ? null : ops.remove(op);
    if (p == null) {
      reply(proxy, new Reply(op, Messages.MISSED, null));
      return;
    }
    handle.pollSend(
        p.value(),
        v ->
            reply(
                proxy,
                new Reply(
                    op,
                    v == ChannelProtocol.SENT
                        ? Messages.SENT
                        : v == ChannelProtocol.CLOSED ? Messages.CLOSED : Messages.MISSED,
                    null)));
  }

  private void park(ActorRef<ProxyEvent> proxy, long op, boolean send, Object value) {
    Map<Long, Parked> ops = opsOf(proxy);
    Waiter w =
        new Waiter() {
          @Override
          public void onSent(int clause) {
            ops.remove(op);
            reply(proxy, new Reply(op, Messages.SENT, null));
          }

          @Override
          public void onReceived(int clause, Object v) {
            ops.remove(op);
            reply(proxy, outgoing(op, v));
          }

          @Override
          public void onClosed(int clause) {
            ops.remove(op);
            reply(proxy, new Reply(op, Messages.CLOSED, null));
          }
        };
    ops.put(op, new Parked(w, null));
    // Parked in the channel now, from this actor's thread (no hop through the channel's actor):
    // a receiver or sender already waiting completes it inside the call.
    if (send) {
      handle.parkSend(value, w, 0);
    } else {
      handle.parkRecv(w, 0);
    }
  }

  /** A proxy's node left or was downed: its offers must not take values no one will get. */
  private Behavior<ExporterCommand> onProxyGone(Terminated t) {
    Map<Long, Parked> ops = parked.remove(t.getRef());
    if (ops != null) {
      for (Parked p : ops.values()) {
        if (p.waiter().cancel()) {
          handle.withdraw(p.waiter());
        }
      }
    }
    return this;
  }

  /** Keeps the channel reachable while it is exported. */
  LispChannel channel() {
    return channel;
  }
}
