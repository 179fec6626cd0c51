package org.omnilisp.io;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.apache.pekko.io.Tcp;
import org.apache.pekko.io.TcpMessage;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.ports.Port;

/**
 * A listening socket on Pekko IO in pull mode: it accepts a connection ({@code ResumeAccepting 1})
 * only while someone waits in {@code tcp-accept}. A connection whose acceptor gave up (a cancel, a
 * lost select) is queued for the next one.
 */
final class ListenerActor extends AbstractActor {
  record Bind(InetSocketAddress address, String shown, Claim claim) {}

  record Accept(Claim claim) {}

  /** Stop listening; {@code claim} (or null) completes once the port is released. */
  record Unbind(Claim claim) {}

  /** A connection accepted for a select clause that lost: first in line for the next accept. */
  record Requeue(Port port) {}

  private final BiFunction<ActorRef, InetSocketAddress, Port> newConnection;
  private ActorRef listener;
  private Claim binding;
  private String shown;
  private boolean accepting;
  private boolean unbound;
  private final ArrayDeque<Claim> waiting = new ArrayDeque<>();
  private final ArrayDeque<Port> ready = new ArrayDeque<>();
  private final java.util.List<Claim> unbinding = new java.util.ArrayList<>();

  static Props props(BiFunction<ActorRef, InetSocketAddress, Port> newConnection) {
    return Props.create(ListenerActor.class, () -> new ListenerActor(newConnection));
  }

  private ListenerActor(BiFunction<ActorRef, InetSocketAddress, Port> newConnection) {
    this.newConnection = newConnection;
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(Bind.class, this::onBind)
        .match(Tcp.Bound.class, this::onBound)
        .match(Tcp.CommandFailed.class, this::onFailed)
        .match(Accept.class, this::onAccept)
        .match(Tcp.Connected.class, this::onConnected)
        .match(Unbind.class, u -> onUnbind(u.claim()))
        .match(Requeue.class, r -> onRequeue(r.port()))
        .match(Tcp.Unbound.class, u -> onUnbound())
        .build();
  }

  private void onBind(Bind b) {
    binding = b.claim();
    shown = b.shown();
    Tcp.get(getContext().getSystem())
        .manager()
        .tell(TcpMessage.bind(self(), b.address(), 1024, List.of(), true), self());
  }

  private void onBound(Tcp.Bound b) {
    listener = sender();
    if (!binding.complete((long) b.localAddress().getPort())) {
      onUnbind(null); // the fiber that listened was canceled
    }
    binding = null;
  }

  private void onFailed(Tcp.CommandFailed f) {
    if (binding != null) {
      binding.fail(
          new ErrorObject("tcp-listen: cannot listen on " + shown + ": " + f.causedByString()));
      binding = null;
      getContext().stop(self());
    }
  }

  private void onAccept(Accept a) {
    if (unbound) {
      a.claim().fail(new ErrorObject("tcp-accept: listener is closed: " + shown));
      return;
    }
    while (!ready.isEmpty()) {
      if (a.claim().complete(ready.peek())) {
        ready.poll();
        return;
      }
      return; // canceled already
    }
    waiting.add(a.claim());
    resumeAccepting();
  }

  private void resumeAccepting() {
    waiting.removeIf(c -> !c.isPending());
    if (!accepting && !waiting.isEmpty() && listener != null) {
      accepting = true;
      listener.tell(TcpMessage.resumeAccepting(1), self());
    }
  }

  private void onConnected(Tcp.Connected c) {
    accepting = false;
    Port port = newConnection.apply(sender(), c.remoteAddress());
    Claim next;
    boolean taken = false;
    while (!taken && (next = waiting.poll()) != null) {
      taken = next.complete(port);
    }
    if (!taken) {
      ready.add(port);
    }
    resumeAccepting();
  }

  private void onRequeue(Port port) {
    Claim next;
    while ((next = waiting.poll()) != null) {
      if (next.complete(port)) {
        return;
      }
    }
    ready.addFirst(port);
  }

  private void onUnbound() {
    for (Claim c : unbinding) {
      c.complete(org.omnilisp.lang.Nothing.NOTHING);
    }
    getContext().stop(self());
  }

  private void onUnbind(Claim claim) {
    if (claim != null) {
      unbinding.add(claim);
    }
    if (unbound) {
      return;
    }
    unbound = true;
    for (Claim c : waiting) {
      c.fail(new ErrorObject("tcp-accept: listener is closed: " + shown));
    }
    waiting.clear();
    ready.forEach(Port::discard); // accepted, but nobody will ever take them now
    ready.clear();
    if (listener != null) {
      listener.tell(TcpMessage.unbind(), self());
    } else {
      onUnbound();
    }
  }
}
