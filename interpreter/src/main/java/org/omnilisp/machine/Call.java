package org.omnilisp.machine;

import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.SourcePos;

/**
 * A procedure call. The operator and the operands are evaluated left to right: simple ones
 * directly, the others through an {@link Operands} frame. A call to a closure with exactly its
 * number of parameters writes the operands straight into the callee's frame.
 */
public final class Call extends Node {
  private final Node fn;
  private final Node[] args;
  private final boolean allSimple;

  public Call(Node fn, Node[] args, SourcePos pos) {
    super(pos);
    this.fn = fn;
    this.args = args;
    boolean simple = fn.isSimple();
    for (Node a : args) {
      simple &= a.isSimple();
    }
    this.allSimple = simple;
  }

  @Override
  public void exec(Machine m) {
    Object[] env = m.env;
    if (!allSimple) {
      new Operands(this, env).continueFrom(m, 0);
      return;
    }
    try {
      Object f = fn.eval(m, env);
      int n = args.length;
      if (f instanceof Closure c && c.takesExactly(n)) {
        Object[] frame = c.newFrame();
        for (int i = 0; i < n; i++) {
          frame[i + 1] = args[i].eval(m, env);
        }
        m.env = frame;
        m.node = c.lambda.body;
        return;
      }
      Object[] values = new Object[n];
      for (int i = 0; i < n; i++) {
        values[i] = args[i].eval(m, env);
      }
      m.site = pos;
      m.apply(f, values);
    } catch (LispThrow t) {
      throw located(t, pos);
    }
  }

  static LispThrow located(LispThrow t, SourcePos pos) {
    if (t.payload() instanceof ErrorObject e) {
      e.locate(pos);
    }
    return t;
  }

  /** Collects the operator and operand values while some of them need the machine. */
  private static final class Operands extends Frame {
    private final Call call;
    private final Object[] env;
    private Object[] values;
    private int pending;

    Operands(Call call, Object[] env) {
      this.call = call;
      this.env = env;
      this.values = new Object[call.args.length + 1];
    }

    void continueFrom(Machine m, int start) {
      for (int i = start; i < values.length; i++) {
        Node n = i == 0 ? call.fn : call.args[i - 1];
        if (n.isSimple()) {
          values[i] = n.eval(m, env);
        } else {
          pending = i;
          m.push(this);
          m.env = env;
          m.node = n;
          return;
        }
      }
      Object[] operands = new Object[values.length - 1];
      System.arraycopy(values, 1, operands, 0, operands.length);
      m.site = call.pos;
      m.apply(values[0], operands);
    }

    @Override
    protected Frame copy() {
      Operands c = (Operands) cloneFrame();
      c.values = values.clone();
      return c;
    }

    @Override
    public void resume(Machine m) {
      values[pending] = m.value;
      continueFrom(m, pending + 1);
    }

    @Override
    public SourcePos pos() {
      return call.pos;
    }
  }
}
