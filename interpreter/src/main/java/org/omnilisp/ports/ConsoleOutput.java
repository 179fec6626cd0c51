package org.omnilisp.ports;

import java.io.PrintStream;
import java.util.function.Supplier;
import org.omnilisp.machine.Machine;

/**
 * Standard output or error: writes go straight to the stream the interpreter prints to now (the
 * runner's, or the one an embedder or a test installed), as {@code display} always did.
 */
final class ConsoleOutput extends Output {
  private final Supplier<PrintStream> stream;

  ConsoleOutput(Supplier<PrintStream> stream) {
    this.stream = stream;
  }

  @Override
  void text(String s) {
    stream.get().print(s);
  }

  @Override
  void bytes(byte[] b, int off, int len) {
    stream.get().write(b, off, len);
  }

  @Override
  boolean flushNow(Machine m) {
    stream.get().flush();
    return true;
  }
}
