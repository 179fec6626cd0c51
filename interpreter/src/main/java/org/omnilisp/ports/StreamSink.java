package org.omnilisp.ports;

import java.io.IOException;
import java.io.OutputStream;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Nothing;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.ParkOp;

/**
 * A sink over a blocking stream (a file): on the caller outside fibers, else on the I/O executor.
 */
public final class StreamSink implements Sink {
  private final OutputStream stream;
  private final BlockingOp.ErrorMapper errors;

  public StreamSink(OutputStream stream, BlockingOp.ErrorMapper errors) {
    this.stream = stream;
    this.errors = errors;
  }

  @Override
  public boolean writeNow(byte[] b, int len, Machine m) {
    if (m.root() != null) {
      return false;
    }
    try {
      stream.write(b, 0, len);
      stream.flush();
      return true;
    } catch (IOException e) {
      throw new LispThrow(errors.error(e));
    }
  }

  @Override
  public ParkOp write(byte[] b, int len, Machine m, String op) {
    return new BlockingOp(
        m.context().io(),
        op,
        () -> {
          synchronized (this) {
            stream.write(b, 0, len);
            stream.flush();
          }
          return Nothing.NOTHING;
        },
        errors,
        r -> {});
  }

  @Override
  public boolean flushesLines() {
    return false;
  }

  @Override
  public void close() {
    try {
      stream.close();
    } catch (IOException e) {
      // the data was flushed before; a failing close loses nothing more
    }
  }
}
