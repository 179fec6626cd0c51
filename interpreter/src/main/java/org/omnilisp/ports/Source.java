package org.omnilisp.ports;

import org.omnilisp.machine.Machine;
import org.omnilisp.machine.ParkOp;

/**
 * Where an input port's bytes come from (a file, a socket, standard input). A port asks for more
 * only when its buffer cannot answer a read.
 */
public interface Source {
  /**
   * Fills {@code in} now, on the calling thread, when that is allowed for {@code m} (a blocking
   * source outside spawned fibers): appends at least one byte or marks the end. Returns false when
   * the machine must park on {@link #fill} instead.
   */
  boolean fillNow(Input in, Machine m);

  /**
   * A park that completes with a {@code byte[]} of received bytes (appended to {@code in} by the
   * reader once it resumes), or with {@link Eof#EOF}. A canceled fill keeps what arrived for the
   * next one.
   */
  ParkOp fill(Input in, Machine m, String op);

  /** Releases the source (closes the file, half-closes the socket's reading side). */
  void close();
}
