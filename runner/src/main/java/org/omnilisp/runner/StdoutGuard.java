package org.omnilisp.runner;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Standard output of the {@code omni} command. A {@link java.io.PrintStream} swallows write errors,
 * so a script piped into {@code head} would go on computing and writing into a closed pipe. This
 * stream ends the process instead: quietly with status 141 on a broken pipe (what a program killed
 * by {@code SIGPIPE} reports, as {@code seq 1 1000000 | head -2} does), with a one-line message and
 * status 1 on any other write error (a full disk).
 */
final class StdoutGuard extends FilterOutputStream {
  static final int BROKEN_PIPE = 141;

  StdoutGuard(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    try {
      out.write(b);
    } catch (IOException e) {
      fail(e);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      fail(e);
    }
  }

  @Override
  public void flush() throws IOException {
    try {
      out.flush();
    } catch (IOException e) {
      fail(e);
    }
  }

  private static void fail(IOException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("Broken pipe")) {
      Runtime.getRuntime().halt(BROKEN_PIPE);
    }
    System.err.println("omni: cannot write standard output: " + message);
    System.err.flush();
    Runtime.getRuntime().halt(Main.ERROR);
  }
}
