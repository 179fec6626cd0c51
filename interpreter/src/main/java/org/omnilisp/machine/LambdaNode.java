package org.omnilisp.machine;

import org.omnilisp.lang.SourcePos;

/** Evaluating a {@code lambda} makes a closure over the current environment. */
public final class LambdaNode extends SimpleNode {
  final Lambda lambda;

  public LambdaNode(Lambda lambda, SourcePos pos) {
    super(pos);
    this.lambda = lambda;
  }

  @Override
  public Object eval(Machine m, Object[] env) {
    return new Closure(lambda, env);
  }
}
