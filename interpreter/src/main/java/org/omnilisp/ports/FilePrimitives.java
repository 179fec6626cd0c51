package org.omnilisp.ports;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.omnilisp.builtins.Args;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Printer;
import org.omnilisp.machine.Context;
import org.omnilisp.machine.Frame;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.MachinePrimitive;

/**
 * Files (R7RS 6.13 and 6.14, LANGUAGE.md §12): file ports, {@code call-with-*-file}, {@code
 * with-*-file}, {@code file-exists?}, {@code delete-file}, {@code read-file}, {@code write-file}.
 * Each blocking step runs on the caller outside fibers and on the I/O executor in a fiber (which
 * parks). Failures are file errors ({@code file-error?}) naming the operation and the path.
 */
final class FilePrimitives {
  private final Context interp;
  private final PortPrimitives ports;

  private FilePrimitives(Context interp, PortPrimitives ports) {
    this.interp = interp;
    this.ports = ports;
  }

  static void install(Context interp, PortPrimitives ports) {
    FilePrimitives f = new FilePrimitives(interp, ports);
    f.def("open-input-file", 1, 1, (m, a) -> f.open(m, "open-input-file", a[0], true, false));
    f.def(
        "open-binary-input-file",
        1,
        1,
        (m, a) -> f.open(m, "open-binary-input-file", a[0], true, true));
    f.def("open-output-file", 1, 1, (m, a) -> f.open(m, "open-output-file", a[0], false, false));
    f.def(
        "open-binary-output-file",
        1,
        1,
        (m, a) -> f.open(m, "open-binary-output-file", a[0], false, true));
    f.def("call-with-input-file", 2, 2, (m, a) -> f.with(m, "call-with-input-file", a, true, 0));
    f.def("call-with-output-file", 2, 2, (m, a) -> f.with(m, "call-with-output-file", a, false, 0));
    f.def("with-input-from-file", 2, 2, (m, a) -> f.with(m, "with-input-from-file", a, true, 1));
    f.def("with-output-to-file", 2, 2, (m, a) -> f.with(m, "with-output-to-file", a, false, 2));
    f.def("file-exists?", 1, 1, (m, a) -> f.blocking(m, "file-exists?", a[0], Files::exists));
    f.def(
        "delete-file",
        1,
        1,
        (m, a) ->
            f.blocking(
                m,
                "delete-file",
                a[0],
                p -> {
                  Files.delete(p);
                  return Nothing.NOTHING;
                }));
    f.def(
        "read-file",
        1,
        1,
        (m, a) ->
            f.blocking(
                m,
                "read-file",
                a[0],
                p -> new String(Files.readAllBytes(p), StandardCharsets.UTF_8)));
    f.def(
        "write-file",
        2,
        2,
        (m, a) -> {
          String text = Args.string("write-file", a[1]);
          f.blocking(
              m,
              "write-file",
              a[0],
              p -> {
                Files.write(p, text.getBytes(StandardCharsets.UTF_8));
                return Nothing.NOTHING;
              });
        });
  }

  private void def(String name, int min, int max, MachinePrimitive.Body body) {
    interp.define(name, new MachinePrimitive(name, min, max, body));
  }

  /** A file error: {@code OP: no such file: "PATH"} and the like. */
  static BlockingOp.ErrorMapper errors(String op, String path) {
    return e -> {
      String what;
      if (e instanceof NoSuchFileException || e instanceof FileNotFoundException) {
        what = "no such file";
      } else if (e instanceof AccessDeniedException) {
        what = "permission denied";
      } else if (e instanceof FileAlreadyExistsException) {
        what = "file exists";
      } else if (e instanceof java.nio.file.DirectoryNotEmptyException) {
        what = "directory not empty";
      } else {
        what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
      }
      return new ErrorObject(op + ": " + what + ": " + Printer.write(path))
          .withKind(ErrorObject.Kind.FILE);
    };
  }

  @FunctionalInterface
  private interface FileWork {
    Object run(Path p) throws IOException;
  }

  private void blocking(Machine m, String op, Object path, FileWork work) {
    String name = Args.string(op, path);
    Path p = Path.of(name);
    BlockingOp.run(m, op + " " + Printer.write(name), () -> work.run(p), errors(op, name));
  }

  private void open(Machine m, String op, Object path, boolean input, boolean binary) {
    String name = Args.string(op, path);
    Path p = Path.of(name);
    String shown = Printer.write(name);
    BlockingOp.Work work =
        () -> {
          if (input) {
            if (Files.isDirectory(p)) {
              throw new IOException("is a directory");
            }
            StreamSource src = new StreamSource(Files.newInputStream(p), errors("read", name));
            return new Port("file", shown, !binary, binary, new Input(src), null, null)
                .asResource();
          }
          StreamSink sink = new StreamSink(Files.newOutputStream(p), errors("write", name));
          return new Port("file", shown, !binary, binary, null, new SinkOutput(sink), null)
              .asResource();
        };
    m.push(new Owning());
    if (m.root() == null) {
      m.setValue(BlockingOp.runHere(work, errors(op, name)));
    } else { // a fiber canceled while the file opens closes the port it will never see
      m.park(
          new BlockingOp(
              m.context().io(),
              op + " " + shown,
              work,
              errors(op, name),
              r -> ((Port) r).discard()));
    }
  }

  /** The port just opened (in m.value) becomes the running fiber's. */
  private static final class Owning extends Frame {
    @Override
    public void resume(Machine m) {
      ((Port) m.value()).opened(m);
    }
  }

  /**
   * {@code call-with-*-file} ({@code install} 0), {@code with-input-from-file} (1), {@code
   * with-output-to-file} (2): opens the file, calls the procedure (with the port, or with the port
   * installed as the current one), closes the port and returns the procedure's value.
   */
  private void with(Machine m, String op, Object[] a, boolean input, int install) {
    Args.procedure(op, a[1]);
    m.push(new Opened(a[1], install, ports));
    open(m, op, a[0], input, false);
  }

  /** The file is open (its port in m.value): call the procedure. */
  private static final class Opened extends Frame {
    private final Object proc;
    private final int install;
    private final PortPrimitives ports;

    Opened(Object proc, int install, PortPrimitives ports) {
      this.proc = proc;
      this.install = install;
      this.ports = ports;
    }

    @Override
    public void resume(Machine m) {
      Port port = (Port) m.value();
      if (install == 0) {
        PortPrimitives.callWithPort(m, port, proc);
        return;
      }
      Object saved = (install == 1 ? ports.in : ports.out).bindIn(m, port);
      m.push(new PortPrimitives.CloseAfter(port, saved, true));
      m.apply(proc, new Object[0]);
    }
  }
}
