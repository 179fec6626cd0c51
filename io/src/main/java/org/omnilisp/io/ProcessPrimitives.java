package org.omnilisp.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.omnilisp.builtins.Args;
import org.omnilisp.interp.Interpreter;
import org.omnilisp.lang.Dict;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Printer;
import org.omnilisp.lang.Symbol;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.MachinePrimitive;
import org.omnilisp.ports.BlockingOp;

/**
 * {@code (run-process program arg ...)} (LANGUAGE.md §13): runs a program found on {@code PATH} (no
 * shell), waits for it on the I/O executor while the fiber parks (or on the caller outside fibers),
 * and returns {@code #{status N out "..." err "..."}}. Canceling the fiber kills it.
 */
final class ProcessPrimitives {
  private ProcessPrimitives() {}

  static void install(Interpreter interp) {
    interp.define(
        "run-process", new MachinePrimitive("run-process", 1, -1, ProcessPrimitives::run));
  }

  private static void run(Machine m, Object[] a) {
    List<String> command = new ArrayList<>();
    for (Object x : a) {
      command.add(x instanceof String s ? s : Printer.display(x));
    }
    String program = Args.string("run-process", a[0]);
    Process[] started = new Process[1];
    boolean[] canceled = new boolean[1];
    BlockingOp.Work work =
        () -> {
          Process p;
          synchronized (started) {
            if (canceled[0]) {
              throw new InterruptedException("canceled");
            }
            p = new ProcessBuilder(command).start();
            started[0] = p;
          }
          p.getOutputStream().close();
          CompletableFuture<String> err =
              CompletableFuture.supplyAsync(
                  () -> drain(p.getErrorStream()), m.context().io().blockingExecutor());
          String out = readAll(p.getInputStream());
          int status = p.waitFor();
          String errText;
          try {
            errText = err.get();
          } catch (ExecutionException e) {
            errText = "";
          }
          Dict d = new Dict();
          d.map.put(Symbol.of("status"), (long) status);
          d.map.put(Symbol.of("out"), out);
          d.map.put(Symbol.of("err"), errText);
          return d;
        };
    BlockingOp.ErrorMapper errors =
        e ->
            new ErrorObject(
                e instanceof IOException && String.valueOf(e.getMessage()).contains("error=2")
                    ? "run-process: no such program: " + Printer.write(program)
                    : "run-process: " + e.getMessage() + ": " + Printer.write(program));
    if (m.root() == null) {
      m.setValue(BlockingOp.runHere(work, errors));
      return;
    }
    BlockingOp op =
        new BlockingOp(m.context().io(), "run-process " + program, work, errors, r -> {});
    op.onCancel(
        () -> {
          synchronized (started) {
            canceled[0] = true;
            if (started[0] != null) {
              started[0].destroyForcibly();
            }
          }
        });
    m.park(op);
  }

  private static String readAll(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static String drain(InputStream in) {
    try {
      return readAll(in);
    } catch (IOException e) {
      return "";
    }
  }
}
