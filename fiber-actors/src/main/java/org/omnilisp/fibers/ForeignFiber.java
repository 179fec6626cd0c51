package org.omnilisp.fibers;

import org.omnilisp.machine.ParkOp;
import org.omnilisp.machine.SpawnedTask;

/**
 * The scheduler's side of a fiber that runs elsewhere (another cluster node's {@code spawn-at}):
 * what {@code join} and {@code cancel} do with it. A module puts it in the fiber's {@code host} and
 * records the outcome with {@code Fiber.complete}, which {@code fiber-state} shows.
 */
public interface ForeignFiber extends SpawnedTask {
  /** The park of a {@code join} while the fiber has not finished: its result or its error. */
  ParkOp join();

  /**
   * Requests cancellation (cooperative, as for a local fiber): notes the request on the fiber and
   * passes it on; returns at once.
   */
  @Override
  void cancel();
}
