package org.omnilisp.lang;

import java.util.List;

/**
 * Where an uncaught raise happened and the Lisp call chain it happened in, innermost first: one
 * line {@code " at NAME (file:line:col)"} per continuation frame, at most {@link #MAX_LINES}, and
 * how many more frames there were.
 */
public record CallTrace(SourcePos pos, List<String> lines, int more) {
  public static final int MAX_LINES = 20;

  /** The lines as printed after the error message. */
  public String render() {
    StringBuilder b = new StringBuilder();
    for (String line : lines) {
      b.append('\n').append(line);
    }
    if (more > 0) {
      b.append("\n  ... ").append(more).append(" more");
    }
    return b.toString();
  }
}
