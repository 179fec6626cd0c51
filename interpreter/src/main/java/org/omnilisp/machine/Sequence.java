package org.omnilisp.machine;

import org.omnilisp.lang.SourcePos;

/** A body: every node in order, the last one in tail position. */
public final class Sequence extends Node {
  private final Node[] body;

  public Sequence(Node[] body, SourcePos pos) {
    super(pos);
    this.body = body;
  }

  @Override
  public void exec(Machine m) {
    runFrom(m, m.env, 0);
  }

  void runFrom(Machine m, Object[] env, int start) {
    int last = body.length - 1;
    for (int i = start; i < last; i++) {
      Node n = body[i];
      if (!n.tryInline(m, env)) {
        m.push(new Rest(this, env, i + 1));
        m.env = env;
        m.node = n;
        return;
      }
    }
    m.env = env;
    m.node = body[last];
  }

  private static final class Rest extends Frame {
    private final Sequence seq;
    private final Object[] env;
    private final int next;

    Rest(Sequence seq, Object[] env, int next) {
      this.seq = seq;
      this.env = env;
      this.next = next;
    }

    @Override
    public void resume(Machine m) {
      seq.runFrom(m, env, next);
    }
  }
}
