package org.omnilisp.io;

import org.apache.pekko.actor.ActorRef;
import org.omnilisp.lang.Printable;

/** A listening socket: {@code #<tcp-listener HOST:PORT>}. */
final class TcpListener implements Printable {
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
  public String printForm() {
    return "#<tcp-listener " + host + ":" + port + (closed ? " closed" : "") + ">";
  }
}
