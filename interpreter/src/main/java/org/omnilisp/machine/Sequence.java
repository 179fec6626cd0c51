package org.omnilisp.machine;

import java.util.ArrayList;
import java.util.List;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.SourcePos;

/**
 * A body: every node in order, the last one in tail position. A sequence inside a sequence (a
 * {@code let} body at the end of a {@code begin}) is spliced into it, since both run in the same
 * environment frame: one step instead of two.
 */
public final class Sequence extends Node {
  private final Node[] body;
  private final int depth;

  public Sequence(Node[] body, SourcePos pos) {
    super(pos);
    this.body = flatten(body);
    int d = 0;
    for (Node n : this.body) {
      d = Math.max(d, n.directDepth());
    }
    this.depth = d + 1;
  }

  private static Node[] flatten(Node[] body) {
    List<Node> flat = new ArrayList<>(body.length);
    for (Node n : body) {
      if (n instanceof Sequence s) {
        flat.addAll(List.of(s.body));
      } else {
        flat.add(n);
      }
    }
    return flat.toArray(new Node[0]);
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

  @Override
  Object run(Machine m, Object[] env) {
    runButLast(m, env);
    return body[body.length - 1].run(m, env);
  }

  @Override
  Object runTail(Machine m, Object[] env) {
    runButLast(m, env);
    return body[body.length - 1].runTail(m, env);
  }

  private void runButLast(Machine m, Object[] env) {
    int last = body.length - 1;
    for (int i = 0; i < last; i++) {
      Node n = body[i];
      try {
        n.run(m, env);
      } catch (Suspend | LispThrow e) {
        throw suspended(e, env, i);
      }
    }
  }

  /** What node {@code i}'s {@code e} becomes: a {@link Rest} frame for the nodes after it. */
  Suspend suspended(RuntimeException e, Object[] env, int i) {
    Suspend s = Suspend.of(e, pos);
    return body[i].isSimple() ? s : s.add(new Rest(this, env, i + 1));
  }

  Node[] body() {
    return body;
  }

  @Override
  boolean mayPark() {
    for (Node n : body) {
      if (n.mayPark()) {
        return true;
      }
    }
    return false;
  }

  @Override
  int directDepth() {
    return depth;
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
