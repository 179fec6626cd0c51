package org.omnilisp.machine;

import org.omnilisp.lang.SourcePos;

/** A node that computes its value directly, without frames. */
public abstract class SimpleNode extends Node {
  protected SimpleNode(SourcePos pos) {
    super(pos);
  }

  @Override
  public final void exec(Machine m) {
    m.value = eval(m, m.env);
  }

  @Override
  public final boolean tryInline(Machine m, Object[] env) {
    m.value = eval(m, env);
    return true;
  }

  @Override
  public final boolean isSimple() {
    return true;
  }

  @Override
  public abstract Object eval(Machine m, Object[] env);

  @Override
  final Object run(Machine m, Object[] env) {
    return eval(m, env);
  }

  @Override
  final Object runTail(Machine m, Object[] env) {
    return eval(m, env);
  }

  @Override
  boolean mayPark() {
    return false;
  }

  @Override
  int directDepth() {
    return simpleDepth();
  }
}
