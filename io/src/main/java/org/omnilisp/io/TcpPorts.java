package org.omnilisp.io;

import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.util.ByteString;
import org.omnilisp.machine.IoSupport;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.ParkOp;
import org.omnilisp.ports.Input;
import org.omnilisp.ports.Port;
import org.omnilisp.ports.Sink;
import org.omnilisp.ports.SinkOutput;
import org.omnilisp.ports.Source;

/**
 * A connection as a port (textual and binary, input and output) in front of its {@link
 * ConnectionActor}: a read that finds the buffer empty parks until the actor has bytes; a flush
 * parks until the kernel took them. Even outside fibers these are parks (the blocking host waits),
 * because only the actor sees the socket.
 */
final class TcpPorts {
  private TcpPorts() {}

  static Port port(ActorRef actor, IoSupport io, String shown) {
    Port[] self = new Port[1];
    Source source =
        new Source() {
          @Override
          public boolean fillNow(Input in, Machine m) {
            return false;
          }

          @Override
          public ParkOp fill(Input in, Machine m, String op) {
            return new ActorOp(actor, io, op, op + " on tcp " + shown, ConnectionActor.Read::new);
          }

          @Override
          public void close() {}
        };
    Sink sink =
        new Sink() {
          @Override
          public boolean writeNow(byte[] b, int len, Machine m) {
            return false;
          }

          @Override
          public ParkOp write(byte[] b, int len, Machine m, String op) {
            ByteString data = ByteString.fromArray(b, 0, len);
            return new ActorOp(
                actor, io, op, op + " on tcp " + shown, c -> new ConnectionActor.Write(data, c));
          }

          @Override
          public boolean flushesLines() {
            return true;
          }

          @Override
          public void close() {
            if (self[0].inputOpen()) { // a half-close; a full one is the port's close below
              actor.tell(new ConnectionActor.CloseWrite(), ActorRef.noSender());
            }
          }
        };
    self[0] =
        new Port(
                "tcp",
                shown,
                true,
                true,
                new Input(source),
                new SinkOutput(sink),
                () -> actor.tell(new ConnectionActor.CloseAll(), ActorRef.noSender()))
            .asResource();
    return self[0];
  }
}
