package org.omnilisp.machine;

import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.SourcePos;

/**
 * Direct-style execution of closures whose bodies provably make no call that parks, yields or
 * captures (fib, tak, most loops): the body runs on the Java stack through {@link Node#run}, a call
 * of another such closure is a Java call, a tail call is a turn of the loop in {@link #loop}. No
 * heap frame is made, no trampoline step taken: that is what it saves (about half of fib's time).
 *
 * <p>It stays a CPS machine: whenever such code must suspend after all (a callee turns out to need
 * the machine, the step budget of the slice runs out, the Java stack is {@link #MAX_DEPTH} deep, an
 * error is raised), a {@link Suspend} rebuilds the heap frames that the Java stack stands for and
 * the machine goes on from there. So the slice rule, unbounded recursion depth, continuations,
 * handlers and call chains in errors are what they are in CPS.
 */
final class Direct {
  /** What {@link Node#runTail} returns for a tail call to run in {@link #invoke}'s loop. */
  static final Object TAIL = new Object();

  /**
   * {@link Machine#depth} counts the Java stack that direct-style code holds in these many bytes.
   */
  static final int UNIT = 32;

  /**
   * What a level of nested node runs of the tree takes (in {@link #UNIT}s): 1,000 levels took about
   * 320 KiB of stack, JIT-compiled and interpreted alike.
   */
  static final int TREE_LEVEL = 10;

  /**
   * The least a direct call of compiled code is counted (in {@link #UNIT}s), whatever its body:
   * measured, a self call ({@code invoke0} and {@code body}) took 330 bytes interpreted and 380
   * JIT-compiled, a call of another compiled lambda (with {@link #invoke} and the virtual {@code
   * invoke} between) 700. A bigger body is counted half of what its tree takes ({@link
   * Compiled#stackCost}).
   */
  static final int COMPILED_CALL = 24;

  /**
   * How much of the Java stack (in {@link #UNIT}s) the procedures running directly may take before
   * the next call unwinds it into heap frames: {@code -Domnilisp.directStack=KiB}, 128 KiB unless
   * set. That leaves most of a 1 MiB thread stack (the JVM's default, also for the fiber pool's
   * threads) to nested machines and the host; {@code ./omni} runs with 16 MiB thread stacks and
   * lets direct code take 4 MiB of them (ack's 4,000 levels then never overflow).
   */
  static final int MAX_DEPTH = Integer.getInteger("omnilisp.directStack", 128) * 1024 / UNIT;

  /** After this many overflows of the Java stack a procedure runs on heap frames only. */
  static final int MAX_OVERFLOWS = 8;

  /** Bodies nesting deeper than this are not run directly. */
  static final int MAX_BODY_DEPTH = 64;

  private Direct() {}

  /** Whether the body of a lambda may run in direct style. */
  static boolean eligible(Node body) {
    return body != null && !body.mayPark() && body.directDepth() <= MAX_BODY_DEPTH;
  }

  /**
   * Calls {@code c} (its frame {@code frame} already filled) from CPS code: directly when its body
   * allows, its value then in {@code m.value}; else (or after a {@link Suspend}) on the machine.
   */
  static void enter(Machine m, Closure c, Object[] frame) {
    Lambda l = c.lambda;
    if (!l.direct) {
      m.env = frame;
      m.node = l.body;
      return;
    }
    long start = m.stepsTaken();
    try {
      m.value = invoke(m, c, frame);
    } catch (Suspend s) {
      if (s.declined) {
        declined(l, m.stepsTaken() - start);
      }
      s.resumeIn(m);
    }
  }

  /** A direct run shorter than this many steps that ends in a declined fast path is short. */
  static final int SHORT_RUN = 8;

  /** After this many short runs in a row that end in a declined fast path, the lambda runs CPS. */
  static final int MAX_SHORT_DECLINES = 64;

  /**
   * A direct run of {@code l}, entered from the machine, ended after {@code steps} steps in a call
   * whose machine primitive's fast path declined (a send to a full channel, a recv from an empty
   * one): the suspension rebuilt its frames. A loop that gets far between such calls (fan-in's
   * producers and consumer) gains from direct style; one whose every turn waits (ping-pong's recv)
   * pays a suspension per turn, more than the machine's own call, so after {@link
   * #MAX_SHORT_DECLINES} short runs in a row the lambda runs on the machine for good.
   */
  private static void declined(Lambda l, long steps) {
    if (steps >= SHORT_RUN) {
      l.shortDeclines = 0;
    } else if (++l.shortDeclines > MAX_SHORT_DECLINES) {
      l.direct = false;
    }
  }

  /**
   * Runs the body of {@code c} in {@code frame} directly and returns its value: its bytecode
   * ({@link Compiled}) once the lambda is hot (see {@link Compiler}), the tree until then.
   */
  static Object invoke(Machine m, Closure c, Object[] frame) {
    Lambda l = c.lambda;
    Compiled code = l.code;
    if (code == null && l.direct && ++l.calls > m.interp.compileThreshold()) {
      code = Compiler.compile(l);
    }
    if (code != null) {
      return code.invoke(m, frame);
    }
    int d = begin(m, l, frame);
    try {
      Node body = l.body;
      Object v;
      try {
        v = body.runTail(m, frame);
      } catch (LispThrow t) {
        throw Suspend.of(t, body.pos());
      }
      return v != TAIL ? v : loop(m);
    } finally {
      m.depth -= d;
    }
  }

  /**
   * The entry checks of a direct call of {@code l} (the compiled code makes them too): a step of
   * the budget, and the Java stack's depth; the Java stack then counts the body's depth, which is
   * returned (the caller takes it off again on every way out).
   */
  static int begin(Machine m, Lambda l, Object[] frame) {
    return begin(m, l, frame, l.depth * TREE_LEVEL);
  }

  /** {@link #begin} for the compiled code of {@code l}, which takes {@code d} units of stack. */
  static int begin(Machine m, Lambda l, Object[] frame, int d) {
    if (!tryBegin(m, l, d)) {
      throw Suspend.node(l.body, frame);
    }
    return d;
  }

  /**
   * {@link #begin} for compiled code that takes its arguments in JVM locals and has no frame yet:
   * false if the call must go on as the machine (the caller then makes the frame and throws {@code
   * Suspend.node(l.body, frame)}); else the Java stack counts {@code d} more units.
   */
  static boolean tryBegin(Machine m, Lambda l, int d) {
    if (!l.direct || (--m.steps < 0 && m.sliceEnds())) {
      return false;
    }
    if (m.depth + d > MAX_DEPTH) {
      if (++l.overflows > MAX_OVERFLOWS) {
        l.direct = false;
      }
      return false;
    }
    m.depth += d;
    return true;
  }

  /** {@link #selfTail} for compiled code without a frame: false if it must go on as the machine. */
  static boolean trySelfTail(Machine m, Lambda l) {
    return l.direct && (--m.steps >= 0 || !m.sliceEnds());
  }

  /**
   * A node of the tree run from compiled code ({@link IfFixnum#general}): its depth counted on the
   * Java stack like a body's, or on the machine if the stack is full.
   */
  static Object runTree(Machine m, Node n, Object[] env, boolean tail) {
    int d = n.directDepth() * TREE_LEVEL;
    if (m.depth + d > MAX_DEPTH) {
      throw Suspend.node(n, env);
    }
    m.depth += d;
    try {
      return tail ? n.runTail(m, env) : n.run(m, env);
    } finally {
      m.depth -= d;
    }
  }

  /**
   * The tail calls after a body returned {@link #TAIL}: a step each, each body run in its frame
   * until one returns a value.
   */
  static Object loop(Machine m) {
    while (true) {
      Node body = m.tailBody;
      Object[] env = m.tailEnv;
      if (--m.steps < 0 && m.sliceEnds()) {
        throw Suspend.node(body, env);
      }
      Object v;
      try {
        v = body.runTail(m, env);
      } catch (LispThrow t) {
        throw Suspend.of(t, body.pos());
      }
      if (v != TAIL) {
        return v;
      }
    }
  }

  /**
   * The compiled code's way out of a direct call of {@code l} by {@code t}: the depth taken off, a
   * raise located at the body, what to throw returned.
   */
  static RuntimeException leave(Machine m, int d, Throwable t, Lambda l) {
    m.depth -= d;
    if (t instanceof LispThrow lt) {
      return Suspend.of(lt, l.body.pos());
    }
    if (t instanceof Error e) {
      throw e;
    }
    return (RuntimeException) t;
  }

  /**
   * A tail call of {@code l} from its own compiled body, made as a jump to its start: the checks of
   * {@link #tailCall} and of the turn of {@link #loop} it stands for.
   */
  static void selfTail(Machine m, Lambda l, Object[] frame) {
    if (!trySelfTail(m, l)) {
      throw Suspend.node(l.body, frame);
    }
  }

  /** A tail call of {@code c} with its frame: {@link #TAIL} for the loop, or on the machine. */
  static Object tailCall(Machine m, Closure c, Object[] frame) {
    Lambda l = c.lambda;
    if (!l.direct) {
      throw Suspend.node(l.body, frame);
    }
    Compiled code = l.code;
    if (code == null && ++l.calls > m.interp.compileThreshold()) {
      code = Compiler.compile(l);
    }
    m.tailBody = code != null ? code : l.body;
    m.tailEnv = frame;
    return TAIL;
  }

  /** Calls {@code f} on {@code args} (the call at {@code pos}) in direct style. */
  static Object call(Machine m, Object f, Object[] args, SourcePos pos, boolean tail) {
    if (f instanceof Closure c) {
      Object[] frame;
      try {
        frame = c.bind(args);
      } catch (LispThrow t) {
        throw Suspend.of(t, pos);
      }
      return tail ? tailCall(m, c, frame) : invoke(m, c, frame);
    }
    if (f instanceof Primitive p) {
      try {
        return p.call(args);
      } catch (LispThrow t) {
        throw Suspend.of(t, pos);
      }
    }
    if (f instanceof MachinePrimitive p) {
      Object v;
      try {
        v = p.tryFast(m, args);
      } catch (LispThrow t) {
        throw Suspend.of(t, pos);
      }
      if (v != MachinePrimitive.SLOW) {
        return v;
      }
      Suspend s = Suspend.apply(f, args, pos);
      s.declined = true;
      throw s;
    }
    throw Suspend.apply(f, args, pos);
  }
}
