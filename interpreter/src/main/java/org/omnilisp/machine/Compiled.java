package org.omnilisp.machine;

/**
 * The body of a hot {@link Lambda} as JVM bytecode: the hidden class {@link Compiler} generates
 * extends this. As a node it stands for the lambda's body in the direct-style tail loop ({@link
 * Direct#loop}); on the machine (CPS) it runs the tree, which builds the same heap frames.
 */
abstract class Compiled extends Node {
  final Lambda lambda;

  Compiled(Lambda lambda) {
    super(lambda.body.pos());
    this.lambda = lambda;
  }

  /** A direct call of the lambda with its frame filled: {@link Direct#invoke}'s work. */
  abstract Object invoke(Machine m, Object[] frame);

  /** The body in tail position: its value, or {@link Direct#TAIL}. */
  @Override
  abstract Object runTail(Machine m, Object[] env);

  @Override
  Object run(Machine m, Object[] env) {
    return lambda.body.run(m, env);
  }

  @Override
  public final void exec(Machine m) {
    lambda.body.exec(m);
  }

  @Override
  boolean mayPark() {
    return false;
  }

  @Override
  int directDepth() {
    return lambda.depth;
  }
}
