package org.omnilisp.machine;

import org.omnilisp.lang.SourcePos;

/** {@code (fiber body...)}: a new fiber, not started, whose thunk runs the body. */
public final class FiberNode extends SimpleNode {
  private final LambdaNode thunk;

  public FiberNode(LambdaNode thunk, SourcePos pos) {
    super(pos);
    this.thunk = thunk;
  }

  @Override
  public Object eval(Machine m, Object[] env) {
    Fiber f = m.interp.newFiber(new Closure(thunk.lambda, env));
    f.inheritParameters(m);
    return f;
  }
}
