package org.omnilisp.ports;

import java.nio.charset.StandardCharsets;
import org.omnilisp.lang.Bytevector;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Nothing;
import org.omnilisp.machine.Context;
import org.omnilisp.machine.Frame;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.MachinePrimitive;
import org.omnilisp.machine.Parameter;
import org.omnilisp.machine.Primitive;

/**
 * The port values of LANGUAGE.md §12 and R7RS 6.13: predicates, string and bytevector ports, the
 * current ports, closing. Reads, writes and files are in {@link ReadPrimitives}, {@link
 * WritePrimitives} and {@link FilePrimitives}.
 */
public final class PortPrimitives {
  private final Context interp;

  /** {@code current-input-port}, {@code current-output-port}, {@code current-error-port}. */
  final Parameter in;

  final Parameter out;
  final Parameter err;

  private PortPrimitives(Context interp) {
    this.interp = interp;
    BlockingOp.ErrorMapper stdinErrors =
        e ->
            new ErrorObject("read: standard input: " + e.getMessage())
                .withKind(ErrorObject.Kind.FILE);
    Port stdin =
        new Port(
            "console",
            "stdin",
            true,
            true,
            new Input(new StreamSource(System.in, stdinErrors)),
            null,
            null);
    Port stdout =
        new Port("console", "stdout", true, true, null, new ConsoleOutput(interp::out), null);
    Port stderr =
        new Port("console", "stderr", true, true, null, new ConsoleOutput(() -> System.err), null);
    this.in = currentPort("current-input-port", stdin, true);
    this.out = currentPort("current-output-port", stdout, false);
    this.err = currentPort("current-error-port", stderr, false);
  }

  /**
   * A current port as an R7RS parameter object: {@code parameterize} may give it another port of
   * the same direction; a spawned fiber starts with the ports of the code that spawned it.
   */
  private static Parameter currentPort(String name, Port initial, boolean input) {
    return new Parameter(
        initial,
        Primitive.of1(
            name,
            x -> {
              if (x instanceof Port p && (input ? p.isInput() : p.isOutput())) {
                return p;
              }
              throw Errors.wrongType(name, input ? "an input port" : "an output port", x);
            }));
  }

  /** Installs every port, read, write and file procedure into {@code interp}. */
  public static void install(Context interp) {
    PortPrimitives p = new PortPrimitives(interp);
    p.installPorts();
    ReadPrimitives.install(interp, p);
    WritePrimitives.install(interp, p);
    FilePrimitives.install(interp, p);
  }

  Port in(Machine m) {
    return (Port) in.valueIn(m);
  }

  Port out(Machine m) {
    return (Port) out.valueIn(m);
  }

  private void def1(String name, Primitive.Fn1 f) {
    interp.define(name, Primitive.of1(name, f));
  }

  private void machine(String name, int min, int max, MachinePrimitive.Body body) {
    interp.define(name, new MachinePrimitive(name, min, max, body));
  }

  private void installPorts() {
    def1("port?", x -> x instanceof Port);
    def1("input-port?", x -> x instanceof Port p && p.isInput());
    def1("output-port?", x -> x instanceof Port p && p.isOutput());
    def1("textual-port?", x -> x instanceof Port p && p.textual);
    def1("binary-port?", x -> x instanceof Port p && p.binary);
    def1("input-port-open?", x -> port("input-port-open?", x).inputOpen());
    def1("output-port-open?", x -> port("output-port-open?", x).outputOpen());
    def1("eof-object?", x -> x == Eof.EOF);
    interp.define("eof-object", Primitive.of0("eof-object", () -> Eof.EOF));
    def1(
        "open-input-string",
        x -> {
          if (!(x instanceof String s)) {
            throw Errors.wrongType("open-input-string", "a string", x);
          }
          return Port.stringInput(s);
        });
    def1(
        "open-input-bytevector",
        x -> {
          if (!(x instanceof Bytevector b)) {
            throw Errors.wrongType("open-input-bytevector", "a bytevector", x);
          }
          return Port.bytesInput(b.bytes.clone());
        });
    interp.define(
        "open-output-string",
        Primitive.of0(
            "open-output-string",
            () -> new Port("string", null, true, false, null, new Output.Text(), null)));
    interp.define(
        "open-output-bytevector",
        Primitive.of0(
            "open-output-bytevector",
            () -> new Port("bytevector", null, false, true, null, new Output.Bytes(), null)));
    def1(
        "get-output-string",
        x -> {
          if (x instanceof Port p && p.out instanceof Output.Text t) {
            return t.sb.toString();
          }
          throw Errors.wrongType("get-output-string", "a string output port", x);
        });
    def1(
        "get-output-bytevector",
        x -> {
          if (x instanceof Port p && p.out instanceof Output.Bytes b) {
            return new Bytevector(b.bytes.toByteArray());
          }
          throw Errors.wrongType("get-output-bytevector", "a bytevector output port", x);
        });
    interp.define("current-input-port", in);
    interp.define("current-output-port", out);
    interp.define("current-error-port", err);
    machine("close-port", 1, 1, (m, a) -> close(m, "close-port", a[0], true, true));
    machine("close-input-port", 1, 1, (m, a) -> close(m, "close-input-port", a[0], true, false));
    machine("close-output-port", 1, 1, (m, a) -> close(m, "close-output-port", a[0], false, true));
    machine("call-with-port", 2, 2, (m, a) -> callWithPort(m, port("call-with-port", a[0]), a[1]));
  }

  static Port port(String op, Object x) {
    if (x instanceof Port p) {
      return p;
    }
    throw Errors.wrongType(op, "a port", x);
  }

  private static void close(Machine m, String op, Object x, boolean input, boolean output) {
    Port p = port(op, x);
    if (input && !output && !p.isInput()) {
      throw Errors.wrongType(op, "an input port", x);
    }
    if (output && !input && !p.isOutput()) {
      throw Errors.wrongType(op, "an output port", x);
    }
    if (input) {
      p.closeInput();
    }
    if (output && p.outputOpen()) {
      PortIo.closeOutput(m, op, p);
    } else {
      m.setValue(Nothing.NOTHING);
    }
  }

  /** Calls {@code proc} with {@code port}, then closes the port and returns what proc returned. */
  static void callWithPort(Machine m, Port port, Object proc) {
    m.push(new CloseAfter(port, null, false));
    m.apply(proc, new Object[] {port});
  }

  /**
   * After a call that used a port: restores the current ports if the call installed some, closes
   * the port (flushing first), then returns the call's value.
   */
  static final class CloseAfter extends Frame {
    private final Port port;
    private final Object savedPorts;
    private final boolean restore;

    CloseAfter(Port port, Object savedPorts, boolean restore) {
      this.port = port;
      this.savedPorts = savedPorts;
      this.restore = restore;
    }

    @Override
    public void resume(Machine m) {
      if (restore) {
        Parameter.restore(m, savedPorts);
      }
      Object value = m.value();
      port.closeInput();
      m.push(new Return(value));
      if (port.outputOpen()) {
        PortIo.closeOutput(m, "close-port", port);
      }
    }

    @Override
    public boolean unwind(Machine m, Object payload) {
      if (restore) {
        Parameter.restore(m, savedPorts);
      }
      port.closeInput();
      if (port.outputOpen()) {
        try {
          port.out.flushNow(m);
        } catch (RuntimeException e) {
          // the error that unwinds is the one to report
        }
        port.closeOutput();
      }
      return false;
    }
  }

  /** Returns a value saved before a step that left something else in {@code m.value}. */
  private static final class Return extends Frame {
    private final Object value;

    Return(Object value) {
      this.value = value;
    }

    @Override
    public void resume(Machine m) {
      m.setValue(value);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
