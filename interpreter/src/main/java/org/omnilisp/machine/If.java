package org.omnilisp.machine;

import org.omnilisp.lang.Equality;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.SourcePos;

/** {@code (if test then else)}; both branches are in tail position. */
public final class If extends Node {
  private final Node test;
  private final Node then;
  private final Node otherwise;
  private final int depth;

  public If(Node test, Node then, Node otherwise, SourcePos pos) {
    super(pos);
    this.test = test;
    this.then = then;
    this.otherwise = otherwise;
    this.depth =
        1 + Math.max(test.directDepth(), Math.max(then.directDepth(), otherwise.directDepth()));
  }

  /** {@code (if test then otherwise)}: a superinstruction where one fits ({@link IfFixnum}). */
  public static Node of(Node test, Node then, Node otherwise, SourcePos pos) {
    If general = new If(test, then, otherwise, pos);
    IfFixnum special = IfFixnum.of(general, test, then, otherwise);
    return special != null ? special : general;
  }

  @Override
  public void exec(Machine m) {
    if (test.isSimple()) {
      m.node = Equality.isTrue(test.eval(m, m.env)) ? then : otherwise;
    } else {
      m.push(new Branch(this, m.env));
      m.node = test;
    }
  }

  @Override
  Object run(Machine m, Object[] env) {
    return Equality.isTrue(test(m, env)) ? then.run(m, env) : otherwise.run(m, env);
  }

  @Override
  Object runTail(Machine m, Object[] env) {
    return Equality.isTrue(test(m, env)) ? then.runTail(m, env) : otherwise.runTail(m, env);
  }

  /** The test's value in direct style; what is left is a {@link Branch} if it must suspend. */
  private Object test(Machine m, Object[] env) {
    try {
      return test.run(m, env);
    } catch (Suspend | LispThrow e) {
      throw testSuspended(e, env);
    }
  }

  /** What the test's {@code e} becomes: a {@link Branch} frame added if the test was not simple. */
  Suspend testSuspended(RuntimeException e, Object[] env) {
    Suspend s = Suspend.of(e, pos);
    return test.isSimple() ? s : s.add(new Branch(this, env));
  }

  Node test() {
    return test;
  }

  Node then() {
    return then;
  }

  Node otherwise() {
    return otherwise;
  }

  @Override
  boolean mayPark() {
    return test.mayPark() || then.mayPark() || otherwise.mayPark();
  }

  @Override
  int directDepth() {
    return depth;
  }

  private static final class Branch extends Frame {
    private final If node;
    private final Object[] env;

    Branch(If node, Object[] env) {
      this.node = node;
      this.env = env;
    }

    @Override
    public void resume(Machine m) {
      m.env = env;
      m.node = Equality.isTrue(m.value) ? node.then : node.otherwise;
    }

    @Override
    public SourcePos pos() {
      return node.pos;
    }
  }
}
