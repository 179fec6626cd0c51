package org.omnilisp.ports;

import org.omnilisp.machine.Machine;
import org.omnilisp.machine.ParkOp;

/** Where a buffered output port's bytes go (a file, a socket). */
public interface Sink {
  /** Writes {@code b[0..len)} now on the caller's thread if allowed for {@code m}; else false. */
  boolean writeNow(byte[] b, int len, Machine m);

  /** A park that writes {@code b[0..len)} (the array is the sink's from now on). */
  ParkOp write(byte[] b, int len, Machine m, String op);

  /** Does a newline send what is buffered (sockets: yes; files: no)? */
  boolean flushesLines();

  void close();
}
