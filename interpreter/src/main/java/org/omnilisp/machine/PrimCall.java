package org.omnilisp.machine;

import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.SourcePos;

/**
 * A call of a global that held a pure primitive when the call was analysed and that the program
 * does not define itself ({@code (+ a b)}, {@code (car x)}). With simple operands it is itself
 * simple: evaluated directly in Java, no frame. The global is still read on every call; if it no
 * longer holds that primitive the call goes to whatever it holds now.
 */
public final class PrimCall extends Node {
  private final Global cell;
  private final Primitive prim;
  private final Node[] args;
  private final boolean simple;
  private final int depth;
  private final int runDepth;
  private final Call generic;

  /** Deeper nests of simple operands are evaluated through frames (see {@link #simpleDepth}). */
  static final int MAX_SIMPLE_DEPTH = 256;

  public PrimCall(Global cell, Primitive prim, Node[] args, SourcePos pos) {
    super(pos);
    this.cell = cell;
    this.prim = prim;
    this.args = args;
    boolean s = true;
    int d = 0;
    for (Node a : args) {
      s &= a.isSimple();
      d = Math.max(d, a.simpleDepth());
    }
    this.simple = s && d < MAX_SIMPLE_DEPTH;
    this.depth = d + 1;
    int r = 0;
    for (Node a : args) {
      r = Math.max(r, a.directDepth());
    }
    this.runDepth = r + 2;
    this.generic = new Call(new GlobalRef(cell, pos), args, pos);
  }

  /**
   * A call of a built-in primitive: a superinstruction where one fits ({@link FixnumCall}, {@link
   * InPlaceCall}).
   */
  public static Node of(Global cell, Primitive prim, Node[] args, SourcePos pos) {
    PrimCall general = new PrimCall(cell, prim, args, pos);
    Node special = FixnumCall.of(general, cell, prim, args);
    if (special == null) {
      special = InPlaceCall.of(general, args);
    }
    return special != null ? special : general;
  }

  Global cell() {
    return cell;
  }

  Primitive prim() {
    return prim;
  }

  /** The call on two values already computed. */
  Object apply2(Machine m, Object a, Object b) {
    return call2(m, a, b);
  }

  /**
   * The general call on values already computed (for the superinstructions' uncommon cases), its
   * error located at this call.
   */
  Object applyValues(Machine m, Object... values) {
    try {
      switch (values.length) {
        case 1:
          return call1(m, values[0]);
        case 2:
          return call2(m, values[0], values[1]);
        default:
          return cell.raw() == prim ? prim.call(values) : m.interp.callNested(cell.get(), values);
      }
    } catch (LispThrow t) {
      throw Call.located(t, pos);
    }
  }

  @Override
  public boolean isSimple() {
    return simple;
  }

  @Override
  public int simpleDepth() {
    return simple ? depth : 1;
  }

  @Override
  public void exec(Machine m) {
    if (simple) {
      m.value = eval(m, m.env);
    } else if (args.length == 2) {
      new TwoOperands(this, m.env).start(m);
    } else {
      generic.exec(m);
    }
  }

  @Override
  public Object eval(Machine m, Object[] env) {
    try {
      switch (args.length) {
        case 1:
          return call1(m, args[0].eval(m, env));
        case 2:
          return call2(m, args[0].eval(m, env), args[1].eval(m, env));
        default:
          Object[] values = new Object[args.length];
          for (int i = 0; i < values.length; i++) {
            values[i] = args[i].eval(m, env);
          }
          Object f = cell.raw();
          return f == prim ? prim.call(values) : m.interp.callNested(cell.get(), values);
      }
    } catch (LispThrow t) {
      throw Call.located(t, pos);
    }
  }

  /** The call on one value (the compiled code's too, {@link Compiler}). */
  Object call1(Machine m, Object a) {
    Object f = cell.raw();
    return f == prim ? prim.call1(a) : m.interp.callNested(cell.get(), new Object[] {a});
  }

  /** The call on two values (the compiled code's too, {@link Compiler}). */
  Object call2(Machine m, Object a, Object b) {
    Object f = cell.raw();
    return f == prim ? prim2(a, b) : m.interp.callNested(cell.get(), new Object[] {a, b});
  }

  @Override
  Object run(Machine m, Object[] env) {
    if (simple) {
      return eval(m, env);
    }
    if (args.length != 2) {
      return generic.run(m, env);
    }
    Object a;
    try {
      a = args[0].run(m, env);
    } catch (Suspend | LispThrow e) {
      throw leftSuspended(e, env);
    }
    Object b;
    try {
      b = args[1].run(m, env);
    } catch (Suspend | LispThrow e) {
      throw rightSuspended(e, env, a);
    }
    return finish2(m, a, b);
  }

  /**
   * What the left operand's {@code e} becomes: a {@link TwoOperands} frame if it was not simple.
   */
  Suspend leftSuspended(RuntimeException e, Object[] env) {
    Suspend s = Suspend.of(e, pos);
    return args[0].isSimple() ? s : s.add(new TwoOperands(this, env));
  }

  /** What the right operand's {@code e} becomes, the left one's value {@code a} kept. */
  Suspend rightSuspended(RuntimeException e, Object[] env, Object a) {
    Suspend s = Suspend.of(e, pos);
    if (args[1].isSimple()) {
      return s;
    }
    TwoOperands rest = new TwoOperands(this, env);
    rest.left = a;
    rest.haveLeft = true;
    return s.add(rest);
  }

  Node[] args() {
    return args;
  }

  boolean isSimpleCall() {
    return simple;
  }

  /** The call in direct style on its two operands' values. */
  Object finish2(Machine m, Object a, Object b) {
    if (cell.raw() == prim) {
      try {
        return prim2(a, b);
      } catch (LispThrow t) {
        throw Suspend.of(t, pos);
      }
    }
    return Direct.call(m, cell.get(), new Object[] {a, b}, pos, false);
  }

  @Override
  boolean mayPark() {
    for (Node a : args) {
      if (a.mayPark()) {
        return true;
      }
    }
    return false;
  }

  @Override
  int directDepth() {
    return runDepth;
  }

  /** The primitive on two values: in place for two fixnums when it has such an operation. */
  private Object prim2(Object a, Object b) {
    int op = prim.fixnum2();
    if (op != Fixnum2.NONE) {
      Object r =
          a instanceof Long x && b instanceof Long y
              ? Fixnum2.apply(op, x, y)
              : Flonum2.apply(op, a, b);
      if (r != null) {
        return r;
      }
    }
    return prim.call2(a, b);
  }

  /** A two-operand call where an operand needs the machine, e.g. {@code (+ (f x) (g y))}. */
  private static final class TwoOperands extends Frame {
    private final PrimCall call;
    private final Object[] env;
    private Object left;
    private boolean haveLeft;

    TwoOperands(PrimCall call, Object[] env) {
      this.call = call;
      this.env = env;
    }

    void start(Machine m) {
      Node a = call.args[0];
      if (a.isSimple()) {
        left = a.eval(m, env);
        haveLeft = true;
        right(m);
      } else {
        m.push(this);
        m.node = a;
      }
    }

    private void right(Machine m) {
      Node b = call.args[1];
      if (b.isSimple()) {
        finish(m, b.eval(m, env));
      } else {
        m.push(this);
        m.env = env;
        m.node = b;
      }
    }

    private void finish(Machine m, Object right) {
      Object f = call.cell.raw();
      if (f == call.prim) {
        m.value = call.prim2(left, right);
      } else {
        m.apply(call.cell.get(), new Object[] {left, right});
      }
    }

    @Override
    protected Frame copy() {
      return cloneFrame();
    }

    @Override
    public void resume(Machine m) {
      if (haveLeft) {
        m.env = env;
        finish(m, m.value);
      } else {
        left = m.value;
        haveLeft = true;
        m.env = env;
        right(m);
      }
    }

    @Override
    public SourcePos pos() {
      return call.pos;
    }
  }
}
