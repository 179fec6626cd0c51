package org.omnilisp.io;

import java.util.function.Function;
import org.apache.pekko.actor.ActorRef;
import org.omnilisp.machine.IoSupport;
import org.omnilisp.machine.ParkOp;
import org.omnilisp.machine.Waker;

/**
 * A park that asks a socket actor to do something (read, write, accept, bind, connect) and waits
 * for its answer through a {@link Claim}; a cancel wins the claim and the actor's late answer is
 * kept by the actor.
 */
final class ActorOp implements ParkOp {
  private final ActorRef actor;
  private final IoSupport io;
  private final String op;
  private final String what;
  private final Function<Claim, Object> message;
  private volatile Claim claim;

  ActorOp(ActorRef actor, IoSupport io, String op, String what, Function<Claim, Object> message) {
    this.actor = actor;
    this.io = io;
    this.op = op;
    this.what = what;
    this.message = message;
  }

  @Override
  public void start(Waker w) {
    Claim c = new Claim(w, io, op);
    claim = c;
    actor.tell(message.apply(c), ActorRef.noSender());
  }

  @Override
  public boolean cancel() {
    Claim c = claim;
    return c != null && c.cancel();
  }

  @Override
  public String describe() {
    return what;
  }
}
