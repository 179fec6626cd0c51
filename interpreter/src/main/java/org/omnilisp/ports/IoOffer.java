package org.omnilisp.ports;

import org.omnilisp.machine.Machine;
import org.omnilisp.machine.ParkOp;

/**
 * An I/O operation that a {@code select} can race against channels and timeouts ({@code (read-line
 * port)}, {@code (accept listener)}). The select first asks {@link #now}; if that has no answer it
 * starts {@link #op} under its shared claim. If the clause wins, {@link #resolve} turns what
 * arrived into the clause's value on the selecting fiber's thread; if it loses, whatever arrived
 * anyway goes to {@link #lost}, which gives it back (to the port's buffer, to the listener's queue)
 * so nothing is dropped.
 */
public interface IoOffer {
  /** The clause's value now, with no waiting, or null (then nothing was consumed). */
  Object now();

  /** The wait; its wake value goes to {@link #resolve} or {@link #lost}. */
  ParkOp op(Machine m);

  void lost(Object arrived);

  /** The clause's value from what arrived, or null when it is not complete yet (select again). */
  Object resolve(Object arrived);
}
