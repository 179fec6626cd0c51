package org.omnilisp.ports;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.ParkOp;

/** A buffered output in front of a {@link Sink}: a file or a socket. */
public final class SinkOutput extends Output {
  private static final int CAPACITY = 64 * 1024;

  private final Sink sink;
  private byte[] buf = new byte[0]; // grows with what is written
  private int len;

  public SinkOutput(Sink sink) {
    this.sink = sink;
  }

  private void reserve(int n) {
    if (buf.length - len < n) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }

  @Override
  void text(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    bytes(b, 0, b.length);
  }

  @Override
  void bytes(byte[] b, int off, int n) {
    reserve(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
  }

  @Override
  boolean wantsFlush(boolean newline) {
    return len >= CAPACITY || (newline && len > 0 && sink.flushesLines());
  }

  @Override
  boolean flushNow(Machine m) {
    if (len == 0) {
      return true;
    }
    if (sink.writeNow(buf, len, m)) {
      len = 0;
      return true;
    }
    return false;
  }

  @Override
  ParkOp flush(Machine m, String op) {
    if (len == 0) {
      return null;
    }
    byte[] out = buf;
    int n = len;
    buf = new byte[0];
    len = 0;
    return sink.write(out, n, m, op);
  }

  @Override
  void closeSink() {
    sink.close();
  }
}
