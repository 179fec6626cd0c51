package org.omnilisp.machine;

import org.omnilisp.lang.Equality;
import org.omnilisp.lang.SourcePos;

/** {@code (if test then else)}; both branches are in tail position. */
public final class If extends Node {
  private final Node test;
  private final Node then;
  private final Node otherwise;

  public If(Node test, Node then, Node otherwise, SourcePos pos) {
    super(pos);
    this.test = test;
    this.then = then;
    this.otherwise = otherwise;
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
