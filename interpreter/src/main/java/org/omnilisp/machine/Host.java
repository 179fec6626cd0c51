package org.omnilisp.machine;

/**
 * Runs a machine to its end, handling what it suspends for. The interpreter's own host blocks the
 * calling thread while the machine is parked; a scheduler hosts spawned fibers instead.
 */
public interface Host {
  /** Runs {@code m} until it finishes; returns its value or throws its error as a LispThrow. */
  Object run(Machine m);
}
