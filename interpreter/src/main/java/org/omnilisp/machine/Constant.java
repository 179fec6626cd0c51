package org.omnilisp.machine;

import org.omnilisp.lang.SourcePos;

/** A literal or quoted datum. */
public final class Constant extends SimpleNode {
  final Object value;

  public Constant(Object value, SourcePos pos) {
    super(pos);
    this.value = value;
  }

  @Override
  public boolean isPure() {
    return true;
  }

  @Override
  public Object eval(Machine m, Object[] env) {
    return value;
  }
}
