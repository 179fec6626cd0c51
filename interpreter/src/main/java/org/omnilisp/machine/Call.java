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

  /** The cell when the operator is a global variable: read in place, no virtual call. */
  private final Global fnCell;

  private final boolean mayPark;
  private final int depth;

  /**
   * The operands that are locals or constants, read in place (null for the others): a field test
   * and an array load instead of a megamorphic virtual call per operand.
   */
  private final Operand[] inPlace;

  public Call(Node fn, Node[] args, SourcePos pos) {
    super(pos);
    this.fn = fn;
    this.args = args;
    this.inPlace = new Operand[args.length];
    for (int i = 0; i < args.length; i++) {
      inPlace[i] = Operand.of(args[i]);
    }
    boolean simple = fn.isSimple();
    for (Node a : args) {
      simple &= a.isSimple();
    }
    this.allSimple = simple;
    this.fnCell = fn instanceof GlobalRef g ? g.cell() : null;
    boolean park = fn.mayPark() || needsMachine(fn);
    int d = fn.directDepth();
    for (Node a : args) {
      park |= a.mayPark();
      d = Math.max(d, a.directDepth());
    }
    this.mayPark = park;
    this.depth = d + 1;
  }

  /**
   * The operator is known now to hold a procedure that works on the machine (it may park). A
   * machine primitive with a fast path for direct style ({@link MachinePrimitive.FastN}: spawn,
   * join, canceled?, resume, send, recv) does not count: direct style tries that path in place and
   * suspends to the machine for the call only when it declines ({@link Direct#call}); a procedure
   * whose runs keep ending in such a suspension after a few steps (ping-pong's loops, whose every
   * recv waits) goes back to the machine for good ({@link Direct#enter}). The others (try-send,
   * try-recv, select, the mutex, yield, sleep) keep their procedure on the machine (docs/
   * performance.md, sessions 7 and 8).
   */
  private static boolean needsMachine(Node fn) {
    Object f =
        fn instanceof GlobalRef g ? g.cell().raw() : fn instanceof Constant c ? c.value : null;
    return f instanceof MachinePrimitive p ? !p.runsInDirectStyle() : f instanceof ControlProcedure;
  }

  @Override
  boolean mayPark() {
    return mayPark;
  }

  @Override
  int directDepth() {
    return depth;
  }

  @Override
  Object run(Machine m, Object[] env) {
    return call(m, env, false);
  }

  @Override
  Object runTail(Machine m, Object[] env) {
    return call(m, env, true);
  }

  /**
   * Direct style: the operator and operands on the Java stack, then the call. If one of them must
   * suspend, what is left of the call is the {@link Operands} frame CPS would have had.
   */
  private Object call(Machine m, Object[] env, boolean tail) {
    int n = args.length;
    Object f = null;
    Object[] frame = null;
    Object[] values = null;
    int at = 0; // the index in Operands.values being computed: 0 the operator, i + 1 operand i
    try {
      f = fnCell != null ? fnCell.get() : fn.run(m, env);
      if (f instanceof Closure c && c.takesExactly(n)) {
        frame = c.newFrame();
        for (int i = 0; i < n; i++) {
          at = i + 1;
          Operand o = inPlace[i];
          frame[i + 1] = o != null ? o.read(m, env) : args[i].run(m, env);
        }
      } else {
        values = new Object[n];
        for (int i = 0; i < n; i++) {
          at = i + 1;
          values[i] = args[i].run(m, env);
        }
      }
    } catch (Suspend | LispThrow e) {
      throw suspended(e, env, at, f, frame, values);
    }
    if (frame != null) {
      Closure c = (Closure) f;
      return tail ? Direct.tailCall(m, c, frame) : Direct.invoke(m, c, frame);
    }
    return Direct.call(m, f, values, pos, tail);
  }

  /**
   * What the call must throw when computing its operator ({@code at} 0) or operand {@code at - 1}
   * threw {@code e} (a {@link Suspend} or a {@link LispThrow}): the {@link Operands} frame CPS
   * would have had, holding the values so far (in the callee's {@code frame} or in {@code values}).
   * The tree and the compiled code ({@link Compiler}) both throw this.
   */
  Suspend suspended(
      RuntimeException e, Object[] env, int at, Object f, Object[] frame, Object[] values) {
    Suspend s = Suspend.of(e, pos);
    Node failed = at == 0 ? fn : args[at - 1];
    if (failed.isSimple()) {
      return s;
    }
    Operands rest = new Operands(this, env);
    rest.values[0] = f;
    for (int i = 1; i < at; i++) {
      rest.values[i] = frame != null ? frame[i] : values[i - 1];
    }
    rest.pending = at;
    return s.add(rest);
  }

  Node fn() {
    return fn;
  }

  Node[] args() {
    return args;
  }

  /** The cell of the operator when it is a global variable, or null. */
  Global fnCell() {
    return fnCell;
  }

  @Override
  public void exec(Machine m) {
    Object[] env = m.env;
    if (!allSimple) {
      new Operands(this, env).continueFrom(m, 0);
      return;
    }
    try {
      Object f = fnCell != null ? fnCell.get() : fn.eval(m, env);
      int n = args.length;
      if (f instanceof Closure c && c.takesExactly(n)) {
        Object[] frame = c.newFrame();
        for (int i = 0; i < n; i++) {
          Operand o = inPlace[i];
          frame[i + 1] = o != null ? o.read(m, env) : args[i].eval(m, env);
        }
        Direct.enter(m, c, frame);
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
      int n = values.length - 1;
      m.site = call.pos;
      if (values[0] instanceof Closure c && c.takesExactly(n)) {
        // the operands go straight into the callee's frame, no operand array in between
        Object[] frame = c.newFrame();
        System.arraycopy(values, 1, frame, 1, n);
        Direct.enter(m, c, frame);
        return;
      }
      Object[] operands = new Object[n];
      System.arraycopy(values, 1, operands, 0, n);
      if (values[0] instanceof Closure c) {
        Direct.enter(m, c, c.bind(operands));
      } else {
        m.apply(values[0], operands);
      }
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
