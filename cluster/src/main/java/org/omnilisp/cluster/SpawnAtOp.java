package org.omnilisp.cluster;

import org.apache.pekko.actor.typed.ActorRef;
import org.omnilisp.cluster.Messages.FiberEvent;
import org.omnilisp.cluster.Messages.SpawnRequest;
import org.omnilisp.machine.ParkOp;
import org.omnilisp.machine.Waker;

/**
 * {@code spawn-at} waits until the far node has started the fiber (it wakes with the fiber) or
 * refused to (an unbound name: the error), or went down. It cannot be withdrawn: the request is on
 * its way, and its answer comes within the time the failure detector takes.
 */
final class SpawnAtOp implements ParkOp {
  private final RemoteFiber fiber;
  private final SpawnRequest request;
  private final ActorRef<FiberEvent> events;

  SpawnAtOp(RemoteFiber fiber, SpawnRequest request, ActorRef<FiberEvent> events) {
    this.fiber = fiber;
    this.request = request;
    this.events = events;
  }

  @Override
  public void start(Waker w) {
    fiber.awaitStart(w);
    events.tell(new RemoteFibers.Start(fiber, request));
  }

  @Override
  public String describe() {
    return "spawn-at " + fiber.address + " of " + request.name();
  }
}
