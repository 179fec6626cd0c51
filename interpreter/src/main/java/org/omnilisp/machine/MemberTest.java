package org.omnilisp.machine;

import org.omnilisp.lang.Equality;
import org.omnilisp.lang.SourcePos;

/** The test of a {@code case} clause: is the key {@code eqv?} to one of the data? */
public final class MemberTest extends SimpleNode {
  private final Node key;
  private final Object[] data;

  public MemberTest(Node key, Object[] data, SourcePos pos) {
    super(pos);
    this.key = key;
    this.data = data;
  }

  @Override
  public Object eval(Machine m, Object[] env) {
    Object k = key.eval(m, env);
    for (Object d : data) {
      if (Equality.eqv(k, d)) {
        return Boolean.TRUE;
      }
    }
    return Boolean.FALSE;
  }
}
