package org.omnilisp.ports;

import java.util.function.Function;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Nothing;
import org.omnilisp.machine.Frame;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.ParkOp;

/**
 * How a read or a write runs on a machine: a read answers from the port's buffer, or fills it (on
 * the caller's thread outside fibers, else by parking) and tries again; a write goes into the port
 * and, when the port wants it sent, flushes (parking if it has to).
 */
final class PortIo {
  private PortIo() {}

  static Port inputPort(String op, Object x, boolean textual) {
    if (!(x instanceof Port p) || !p.isInput() || !(textual ? p.textual : p.binary)) {
      throw Errors.wrongType(op, textual ? "a textual input port" : "a binary input port", x);
    }
    if (!p.in.open) {
      throw Errors.error(op + ": port is closed: " + p.printForm());
    }
    return p;
  }

  static Port outputPort(String op, Object x, boolean textual) {
    if (!(x instanceof Port p) || !p.isOutput() || !(textual ? p.textual : p.binary)) {
      throw Errors.wrongType(op, textual ? "a textual output port" : "a binary output port", x);
    }
    if (!p.out.open) {
      throw Errors.error(op + ": port is closed: " + p.printForm());
    }
    return p;
  }

  /** Runs {@code attempt} on {@code p}'s input until it answers; leaves the answer in m.value. */
  static void read(Machine m, String op, Port p, Function<Input, Object> attempt) {
    Input in = p.in;
    while (true) {
      if (!in.open) {
        throw Errors.error(op + ": port is closed: " + p.printForm());
      }
      in.takeReturned();
      Object r = attempt.apply(in);
      if (r != Input.NEED) {
        m.setValue(r);
        return;
      }
      if (in.source.fillNow(in, m)) {
        continue;
      }
      ParkOp fill = in.source.fill(in, m, op);
      m.push(new Retry(op, p, attempt));
      m.park(fill);
      return;
    }
  }

  /** After a fill: takes its bytes into the port, then tries the read again. */
  private static final class Retry extends Frame {
    private final String op;
    private final Port port;
    private final Function<Input, Object> attempt;

    Retry(String op, Port port, Function<Input, Object> attempt) {
      this.op = op;
      this.port = port;
      this.attempt = attempt;
    }

    @Override
    public void resume(Machine m) {
      port.in.filled(m.value());
      read(m, op, port, attempt);
    }
  }

  /** Writes text to {@code p}, then flushes if the port wants it now. */
  static void writeText(Machine m, String op, Port p, String text) {
    p.out.text(text);
    after(m, op, p, text.indexOf('\n') >= 0);
  }

  static void writeBytes(Machine m, String op, Port p, byte[] b, int off, int len) {
    p.out.bytes(b, off, len);
    after(m, op, p, false);
  }

  private static void after(Machine m, String op, Port p, boolean newline) {
    if (p.out.wantsFlush(newline)) {
      flush(m, op, p);
    } else {
      m.setValue(Nothing.NOTHING);
    }
  }

  /** Hands the port's buffered output on; may park. Leaves nothing in m.value. */
  static void flush(Machine m, String op, Port p) {
    m.setValue(Nothing.NOTHING);
    if (p.out.flushNow(m)) {
      return;
    }
    ParkOp f = p.out.flush(m, op);
    if (f != null) {
      m.park(f);
    }
  }

  /** Flushes, then closes the output side (the close waits for the flush). */
  static void closeOutput(Machine m, String op, Port p) {
    if (!p.outputOpen()) {
      m.setValue(Nothing.NOTHING);
      return;
    }
    m.push(new CloseAfterFlush(p));
    try {
      flush(m, op, p);
    } catch (LispThrow t) {
      p.closeOutput();
      throw t;
    }
  }

  private static final class CloseAfterFlush extends Frame {
    private final Port port;

    CloseAfterFlush(Port port) {
      this.port = port;
    }

    @Override
    public void resume(Machine m) {
      port.closeOutput();
      m.setValue(Nothing.NOTHING);
    }

    @Override
    public boolean unwind(Machine m, Object payload) {
      port.closeOutput();
      return false;
    }
  }
}
