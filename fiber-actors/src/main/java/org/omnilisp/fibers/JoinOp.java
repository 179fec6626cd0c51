package org.omnilisp.fibers;

import org.omnilisp.machine.ParkOp;
import org.omnilisp.machine.Waker;

/** Waiting for a spawned fiber to finish: its result, or its error raised in the joiner. */
final class JoinOp implements ParkOp {
  private final FiberTask target;
  private volatile Waker waker;

  JoinOp(FiberTask target) {
    this.target = target;
  }

  @Override
  public void start(Waker w) {
    waker = w;
    if (!target.addJoiner(w)) {
      target.deliver(w);
    }
  }

  @Override
  public boolean cancel() {
    Waker w = waker;
    return w != null && target.removeJoiner(w);
  }

  @Override
  public String describe() {
    return "join " + target.fiber.printForm();
  }
}
