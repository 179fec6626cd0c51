package org.omnilisp.machine;

import org.omnilisp.lang.Errors;
import org.omnilisp.lang.SourcePos;
import org.omnilisp.lang.Symbol;

/** A local variable at a lexical address: {@code depth} frames out, slot {@code index}. */
public final class LocalRef extends SimpleNode {
  private final int depth;
  private final int index;
  private final Symbol name;

  public LocalRef(int depth, int index, Symbol name, SourcePos pos) {
    super(pos);
    this.depth = depth;
    this.index = index;
    this.name = name;
  }

  int depth() {
    return depth;
  }

  int index() {
    return index;
  }

  @Override
  public boolean isPure() {
    return true;
  }

  @Override
  public Object eval(Machine m, Object[] env) {
    Object[] e = env;
    for (int d = depth; d > 0; d--) {
      e = (Object[]) e[0];
    }
    Object v = e[index];
    if (v == null) {
      throw Errors.error(name + ": used before its definition");
    }
    return v;
  }
}
