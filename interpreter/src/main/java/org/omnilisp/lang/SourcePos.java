package org.omnilisp.lang;

/** Where a datum was read: file name, 1-based line and column. */
public record SourcePos(String file, int line, int column) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
