package org.omnilisp.ports;

import java.util.function.Function;
import org.omnilisp.builtins.Args;
import org.omnilisp.lang.Bytevector;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.machine.Context;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.MachinePrimitive;
import org.omnilisp.reader.Reader;

/**
 * The reads of R7RS 6.13.2 and {@code read}: each is an attempt on the port's buffer that {@link
 * PortIo#read} repeats after filling it, so in a fiber a read that has to wait parks.
 */
final class ReadPrimitives {
  private final Context interp;
  private final PortPrimitives ports;

  private ReadPrimitives(Context interp, PortPrimitives ports) {
    this.interp = interp;
    this.ports = ports;
  }

  static void install(Context interp, PortPrimitives ports) {
    ReadPrimitives r = new ReadPrimitives(interp, ports);
    r.text("read-char", in -> in.readChar(false));
    r.text("peek-char", in -> in.readChar(true));
    r.text("read-line", Input::readLine);
    r.text("char-ready?", Input::charReady);
    r.binary("read-u8", in -> in.readU8(false));
    r.binary("peek-u8", in -> in.readU8(true));
    r.binary("u8-ready?", Input::u8Ready);
    r.def("read-string", 1, 2, r::readString);
    r.def("read-bytevector", 1, 2, r::readBytevector);
    r.def("read-bytevector!", 1, 4, r::readBytevectorInto);
    r.def("read", 0, 1, r::read);
  }

  private void def(String name, int min, int max, MachinePrimitive.Body body) {
    interp.define(name, new MachinePrimitive(name, min, max, body));
  }

  private Port in(Machine m, String op, Object[] a, int i, boolean textual) {
    return PortIo.inputPort(op, a.length > i ? a[i] : ports.in(m), textual);
  }

  private void text(String name, Function<Input, Object> attempt) {
    def(name, 0, 1, (m, a) -> PortIo.read(m, name, in(m, name, a, 0, true), attempt));
  }

  private void binary(String name, Function<Input, Object> attempt) {
    def(name, 0, 1, (m, a) -> PortIo.read(m, name, in(m, name, a, 0, false), attempt));
  }

  private static int count(String op, Object k) {
    int n = Args.index(op, k);
    if (n < 0) {
      throw Errors.error(op + ": expected a non-negative count, got " + n);
    }
    return n;
  }

  private void readString(Machine m, Object[] a) {
    int k = count("read-string", a[0]);
    PortIo.read(m, "read-string", in(m, "read-string", a, 1, true), in -> in.readString(k));
  }

  private void readBytevector(Machine m, Object[] a) {
    int k = count("read-bytevector", a[0]);
    PortIo.read(
        m,
        "read-bytevector",
        in(m, "read-bytevector", a, 1, false),
        in -> {
          Object r = in.readBytes(k);
          return r instanceof byte[] b ? new Bytevector(b) : r;
        });
  }

  private void readBytevectorInto(Machine m, Object[] a) {
    String op = "read-bytevector!";
    if (!(a[0] instanceof Bytevector bv)) {
      throw Errors.wrongType(op, "a bytevector", a[0]);
    }
    int start = a.length > 2 ? Args.index(op, a[2]) : 0;
    int end = a.length > 3 ? Args.index(op, a[3]) : bv.length();
    if (start < 0 || end > bv.length() || start > end) {
      throw Errors.error(
          op + ": bad range " + start + " to " + end + " for " + Errors.describe(bv));
    }
    PortIo.read(
        m,
        op,
        in(m, op, a, 1, false),
        in -> {
          if (start == end) {
            return 0L;
          }
          if (in.available() == 0) {
            return in.atEnd() ? Eof.EOF : Input.NEED;
          }
          Object r = in.readBytes(Math.min(end - start, in.available()));
          byte[] b = (byte[]) r;
          System.arraycopy(b, 0, bv.bytes, start, b.length);
          return (long) b.length;
        });
  }

  private void read(Machine m, Object[] a) {
    PortIo.read(m, "read", in(m, "read", a, 0, true), ReadPrimitives::readDatum);
  }

  /** One datum from the buffered text; NEED while it could still go on in input to come. */
  private static Object readDatum(Input in) {
    String text = in.peekText();
    Object[] read;
    try {
      read = Reader.readFirst(text, "input");
    } catch (LispThrow t) {
      if (!in.atEnd() && t.getMessage().startsWith(Reader.INCOMPLETE)) {
        return Input.NEED;
      }
      in.consumeText(text, text.length());
      throw t;
    }
    if (read == null) {
      if (!in.atEnd()) {
        return Input.NEED;
      }
      in.consumeText(text, text.length());
      return Eof.EOF;
    }
    int end = (Integer) read[1];
    if (end == text.length() && !in.atEnd() && ")]}\"".indexOf(text.charAt(end - 1)) < 0) {
      return Input.NEED; // a symbol or number may go on in input still to come
    }
    in.consumeText(text, end);
    return read[0];
  }
}
