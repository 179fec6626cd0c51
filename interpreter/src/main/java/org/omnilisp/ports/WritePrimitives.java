package org.omnilisp.ports;

import org.omnilisp.builtins.Args;
import org.omnilisp.lang.Bytevector;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Printer;
import org.omnilisp.machine.Context;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.MachinePrimitive;

/**
 * The writes of R7RS 6.13.3 and LANGUAGE.md §4: {@code display}, {@code write}, {@code newline},
 * {@code write-char}, {@code write-string}, {@code write-u8}, {@code write-bytevector}, {@code
 * flush-output-port} take an optional port (the current output port by default); {@code print} and
 * {@code println} write their arguments to the current output port.
 */
final class WritePrimitives {
  private final Context interp;
  private final PortPrimitives ports;

  private WritePrimitives(Context interp, PortPrimitives ports) {
    this.interp = interp;
    this.ports = ports;
  }

  static void install(Context interp, PortPrimitives ports) {
    WritePrimitives w = new WritePrimitives(interp, ports);
    w.def("display", 1, 2, (m, a) -> w.text(m, "display", a, 1, Printer.display(a[0])));
    w.def("write", 1, 2, (m, a) -> w.text(m, "write", a, 1, Printer.write(a[0])));
    w.def("write-shared", 1, 2, (m, a) -> w.text(m, "write-shared", a, 1, Printer.write(a[0])));
    w.def("write-simple", 1, 2, (m, a) -> w.text(m, "write-simple", a, 1, Printer.write(a[0])));
    w.def("newline", 0, 1, (m, a) -> w.text(m, "newline", a, 0, "\n"));
    w.def("write-char", 1, 2, (m, a) -> w.text(m, "write-char", a, 1, charText(a[0])));
    w.def("write-string", 1, 4, w::writeString);
    w.def("write-u8", 1, 2, w::writeU8);
    w.def("write-bytevector", 1, 4, w::writeBytevector);
    w.def("print", 0, -1, (m, a) -> w.printAll(m, "print", a, ""));
    w.def("println", 0, -1, (m, a) -> w.printAll(m, "println", a, "\n"));
    w.def(
        "flush-output-port",
        0,
        1,
        (m, a) -> PortIo.flush(m, "flush-output-port", w.out(m, "flush-output-port", a, 0, true)));
  }

  private void def(String name, int min, int max, MachinePrimitive.Body body) {
    interp.define(name, new MachinePrimitive(name, min, max, body));
  }

  private Port out(Machine m, String op, Object[] a, int i, boolean textual) {
    return PortIo.outputPort(op, a.length > i ? a[i] : ports.out(m), textual);
  }

  private void text(Machine m, String op, Object[] a, int portIndex, String text) {
    PortIo.writeText(m, op, out(m, op, a, portIndex, true), text);
  }

  private void printAll(Machine m, String op, Object[] args, String end) {
    StringBuilder s = new StringBuilder();
    for (Object x : args) {
      Printer.print(x, false, s);
    }
    PortIo.writeText(m, op, out(m, op, new Object[0], 0, true), s.append(end).toString());
  }

  private static String charText(Object x) {
    String s = Chars.text(x);
    if (s == null) {
      throw Errors.wrongType("write-char", "a char", x);
    }
    return s;
  }

  /** Checks an optional {@code [start [end]]} range over a sequence of {@code length}. */
  private static int[] range(String op, Object[] a, int from, int length) {
    int start = a.length > from ? Args.index(op, a[from]) : 0;
    int end = a.length > from + 1 ? Args.index(op, a[from + 1]) : length;
    if (start < 0 || end > length || start > end) {
      throw Errors.error(op + ": bad range " + start + " to " + end + " for length " + length);
    }
    return new int[] {start, end};
  }

  private void writeString(Machine m, Object[] a) {
    String s = Args.string("write-string", a[0]);
    Port p = out(m, "write-string", a, 1, true);
    if (a.length > 2) {
      int n = s.codePointCount(0, s.length());
      int[] r = range("write-string", a, 2, n);
      s = s.substring(s.offsetByCodePoints(0, r[0]), s.offsetByCodePoints(0, r[1]));
    }
    PortIo.writeText(m, "write-string", p, s);
  }

  private void writeU8(Machine m, Object[] a) {
    if (!(a[0] instanceof Long b) || b < 0 || b > 255) {
      throw Errors.wrongType("write-u8", "a byte (0 to 255)", a[0]);
    }
    Port p = out(m, "write-u8", a, 1, false);
    PortIo.writeBytes(m, "write-u8", p, new byte[] {(byte) (long) b}, 0, 1);
  }

  private void writeBytevector(Machine m, Object[] a) {
    if (!(a[0] instanceof Bytevector bv)) {
      throw Errors.wrongType("write-bytevector", "a bytevector", a[0]);
    }
    Port p = out(m, "write-bytevector", a, 1, false);
    int[] r = range("write-bytevector", a, 2, bv.length());
    PortIo.writeBytes(m, "write-bytevector", p, bv.bytes, r[0], r[1] - r[0]);
  }
}
