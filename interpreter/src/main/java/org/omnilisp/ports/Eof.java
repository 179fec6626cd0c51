package org.omnilisp.ports;

import org.omnilisp.lang.Printable;

/** The end-of-file object: what reads return at the end of input; printed {@code #<eof>}. */
public final class Eof implements Printable {
  public static final Eof EOF = new Eof();

  private Eof() {}

  @Override
  public String printForm() {
    return "#<eof>";
  }
}
