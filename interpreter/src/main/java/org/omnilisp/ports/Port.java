package org.omnilisp.ports;

import java.nio.charset.StandardCharsets;
import org.omnilisp.lang.Printable;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.Owned;

/**
 * An R7RS port (LANGUAGE.md §12): an input side, an output side or both, textual, binary or both.
 * Printed {@code #<port KIND NAME DIRECTION>}, e.g. {@code #<port file "a.txt" input>}.
 */
public final class Port extends Owned implements Printable {
  final String kind;
  final String name;
  final boolean textual;
  final boolean binary;
  final Input in;
  final Output out;

  /** Runs when the last open side closes (a socket's connection, a process). */
  private final Runnable onClose;

  /** Holds an outside resource (a file, a socket): owned by a fiber, see {@link Owned}. */
  private boolean resource;

  public Port(
      String kind,
      String name,
      boolean textual,
      boolean binary,
      Input in,
      Output out,
      Runnable onClose) {
    this.kind = kind;
    this.name = name;
    this.textual = textual;
    this.binary = binary;
    this.in = in;
    this.out = out;
    this.onClose = onClose;
  }

  static Port stringInput(String s) {
    return new Port(
        "string", null, true, false, new Input(s.getBytes(StandardCharsets.UTF_8)), null, null);
  }

  static Port bytesInput(byte[] b) {
    return new Port("bytevector", null, false, true, new Input(b), null, null);
  }

  /** Marks this port as holding an outside resource (a file, a socket); returns it. */
  public Port asResource() {
    resource = true;
    return this;
  }

  /** The code on {@code m} opened this port: a resource becomes its spawned fiber's. */
  public void opened(Machine m) {
    if (resource) {
      claim(m);
    }
  }

  @Override
  protected boolean held() {
    return inputOpen() || outputOpen();
  }

  /** Closes both sides at once, dropping what is still buffered for output. */
  @Override
  protected void release() {
    discard();
  }

  public boolean isInput() {
    return in != null;
  }

  public boolean isOutput() {
    return out != null;
  }

  public boolean inputOpen() {
    return in != null && in.open;
  }

  public boolean outputOpen() {
    return out != null && out.open;
  }

  public Input input() {
    return in;
  }

  /** Marks the input side closed and releases its source; true when it was open. */
  boolean closeInput() {
    if (in == null || !in.open) {
      return false;
    }
    in.open = false;
    if (in.source != null) {
      in.source.close();
    }
    afterClose();
    return true;
  }

  /** Marks the output side closed (its buffer already flushed) and releases its sink. */
  void closeOutput() {
    if (out == null || !out.open) {
      return;
    }
    out.open = false;
    out.closeSink();
    afterClose();
  }

  /** Closes both sides without flushing (a connection nobody accepted, a runtime shutting down). */
  public void discard() {
    closeInput();
    closeOutput();
  }

  private void afterClose() {
    if (onClose != null && !inputOpen() && !outputOpen()) {
      onClose.run();
    }
  }

  @Override
  public String printForm() {
    StringBuilder s = new StringBuilder("#<port ").append(kind);
    if (name != null) {
      s.append(' ').append(name);
    }
    s.append(' ')
        .append(in != null && out != null ? "input/output" : in != null ? "input" : "output");
    if (!inputOpen() && !outputOpen()) {
      s.append(" closed");
    }
    return s.append('>').toString();
  }
}
