package org.omnilisp.lang;

/**
 * Where a datum was read: file name, 1-based line and column; for code, also the name of the
 * procedure whose body it is in ({@code owner}, null at top level), for the call chain of an
 * uncaught error.
 */
public record SourcePos(String file, int line, int column, String owner) {
  public SourcePos(String file, int line, int column) {
    this(file, line, column, null);
  }

  /** The same place, inside the procedure {@code name}. */
  public SourcePos in(String name) {
    return new SourcePos(file, line, column, name);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
