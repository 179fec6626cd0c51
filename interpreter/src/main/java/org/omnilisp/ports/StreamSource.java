package org.omnilisp.ports;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.ParkOp;

/**
 * A source over a blocking stream (a file, standard input, a process's output). Outside spawned
 * fibers it reads on the caller's thread; in a fiber a read runs on the runtime's blocking executor
 * while the fiber parks. What a canceled read brought in is kept for the next read.
 */
public final class StreamSource implements Source {
  private static final int CHUNK = 64 * 1024;

  private final InputStream stream;
  private final BlockingOp.ErrorMapper errors;
  private byte[] kept; // what a canceled fill read, guarded by this

  public StreamSource(InputStream stream, BlockingOp.ErrorMapper errors) {
    this.stream = stream;
    this.errors = errors;
  }

  private synchronized byte[] takeKept() {
    byte[] k = kept;
    kept = null;
    return k;
  }

  private synchronized void keep(Object result) {
    if (result instanceof byte[] b) {
      kept = kept == null ? b : concat(kept, b);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @Override
  public boolean fillNow(Input in, Machine m) {
    if (m.root() != null) {
      return false;
    }
    byte[] k = takeKept();
    if (k != null) {
      in.append(k);
      return true;
    }
    try {
      byte[] room = in.room(CHUNK);
      int n = stream.read(room, in.tail(), CHUNK);
      if (n < 0) {
        in.markEnd();
      } else {
        in.appended(n);
      }
      return true;
    } catch (IOException e) {
      throw new LispThrow(errors.error(e));
    }
  }

  private Object readChunk() throws IOException {
    byte[] k = takeKept();
    if (k != null) {
      return k;
    }
    byte[] b = new byte[CHUNK];
    int n = stream.read(b);
    return n < 0 ? Eof.EOF : Arrays.copyOf(b, n);
  }

  @Override
  public ParkOp fill(Input in, Machine m, String op) {
    return new BlockingOp(m.context().io(), op, this::readChunk, errors, this::keep);
  }

  @Override
  public void close() {
    try {
      stream.close();
    } catch (IOException e) {
      // closing releases the descriptor; there is nothing more to do
    }
  }
}
