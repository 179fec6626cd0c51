package org.omnilisp.ports;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.ParkOp;

/**
 * The writing side of a port. Writes go into the port at once; ports in front of the outside world
 * buffer them, and a write that fills the buffer (or a flush, or a close) hands them on, which may
 * wait: {@link #flushNow} on the caller's thread when it may block, else a park on {@link #flush}.
 */
public abstract class Output {
  volatile boolean open = true;

  abstract void text(String s);

  abstract void bytes(byte[] b, int off, int len);

  /** Must what was just written go out now (a full buffer, a line on a socket)? */
  boolean wantsFlush(boolean newline) {
    return false;
  }

  /** Hands the buffered output on if that needs no park for {@code m}; true when done. */
  boolean flushNow(Machine m) {
    return true;
  }

  /** A park that hands the buffered output on (null when nothing is buffered). */
  ParkOp flush(Machine m, String op) {
    return null;
  }

  void closeSink() {}

  /** A string port's text. */
  static final class Text extends Output {
    final StringBuilder sb = new StringBuilder();

    @Override
    void text(String s) {
      sb.append(s);
    }

    @Override
    void bytes(byte[] b, int off, int len) {
      sb.append(new String(b, off, len, StandardCharsets.UTF_8));
    }
  }

  /** A bytevector port's bytes. */
  static final class Bytes extends Output {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    void text(String s) {
      bytes.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    void bytes(byte[] b, int off, int len) {
      bytes.write(b, off, len);
    }
  }
}
