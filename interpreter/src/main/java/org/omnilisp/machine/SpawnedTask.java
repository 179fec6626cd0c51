package org.omnilisp.machine;

/**
 * The scheduler's record of a spawned fiber ({@link Fiber#host()}): set once, when the fiber is
 * spawned; coroutines have none. The fiber runtime implements it.
 */
public interface SpawnedTask {
  /**
   * Requests the fiber's cancellation: it raises {@code canceled} at its next park, or at once if
   * it is parked.
   */
  void cancel();
}
