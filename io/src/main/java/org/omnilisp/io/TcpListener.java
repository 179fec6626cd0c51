package org.omnilisp.io;

import org.apache.pekko.actor.ActorRef;
import org.omnilisp.lang.Printable;

/** A listening socket: {@code #<tcp-listener HOST:PORT>}. */
final class TcpListener implements Printable {
  final ActorRef actor;
  final String host;
  final int port;
  volatile boolean closed;

  TcpListener(ActorRef actor, String host, int port) {
    this.actor = actor;
    this.host = host;
    this.port = port;
  }

  @Override
  public String printForm() {
    return "#<tcp-listener " + host + ":" + port + (closed ? " closed" : "") + ">";
  }
}
