package org.omnilisp.machine;

import org.omnilisp.lang.SourcePos;

/** A global variable, read through its cell. */
public final class GlobalRef extends SimpleNode {
  private final Global cell;

  public GlobalRef(Global cell, SourcePos pos) {
    super(pos);
    this.cell = cell;
  }

  Global cell() {
    return cell;
  }

  @Override
  public boolean isPure() {
    return true;
  }

  @Override
  public Object eval(Machine m, Object[] env) {
    return cell.get();
  }
}
