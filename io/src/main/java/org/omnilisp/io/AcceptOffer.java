package org.omnilisp.io;

import org.apache.pekko.actor.ActorRef;
import org.omnilisp.lang.Errors;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.ParkOp;
import org.omnilisp.ports.IoOffer;
import org.omnilisp.ports.Port;

/** The {@code ((accept listener) conn body...)} clause of {@code select}. */
public final class AcceptOffer implements IoOffer {
  private final TcpListener listener;
  private Machine machine; // the selecting fiber's: it owns the connection it accepts

  private AcceptOffer(TcpListener listener) {
    this.listener = listener;
  }

  /** The offer for {@code x}, which must be an open listener. */
  public static IoOffer of(Object x) {
    TcpListener l = TcpPrimitives.listener("select", x);
    if (l.closed) {
      throw Errors.error("tcp-accept: listener is closed: " + l.printForm());
    }
    return new AcceptOffer(l);
  }

  @Override
  public Object now() {
    return null; // the listener answers at once when a connection is queued
  }

  @Override
  public ParkOp op(Machine m) {
    machine = m;
    return listener.primitives.acceptOp(listener);
  }

  @Override
  public void lost(Object arrived) {
    listener.actor.tell(new ListenerActor.Requeue((Port) arrived), ActorRef.noSender());
  }

  @Override
  public Object resolve(Object arrived) {
    if (machine != null) {
      ((Port) arrived).opened(machine);
    }
    return arrived;
  }
}
