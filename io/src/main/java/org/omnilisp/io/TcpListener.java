package org.omnilisp.io;

import org.apache.pekko.actor.ActorRef;
import org.omnilisp.lang.Printable;
import org.omnilisp.machine.Owned;

/**
 * A listening socket: {@code #<tcp-listener HOST:PORT>}. Owned by the fiber that listens (or last
 * accepts): if it ends after a cancel, the socket stops listening.
 */
final class TcpListener extends Owned implements Printable {
  final ActorRef actor;
  final String host;
  final int port;
  final TcpPrimitives primitives;
  volatile boolean closed;

  TcpListener(TcpPrimitives primitives, ActorRef actor, String host, int port) {
    this.primitives = primitives;
    this.actor = actor;
    this.host = host;
    this.port = port;
  }

  @Override
  protected boolean held() {
    return !closed;
  }

  @Override
  protected void release() {
    closed = true;
    actor.tell(new ListenerActor.Unbind(null), ActorRef.noSender());
  }

  @Override
  public String printForm() {
    return "#<tcp-listener " + host + ":" + port + (closed ? " closed" : "") + ">";
  }
}
