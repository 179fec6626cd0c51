package org.omnilisp.machine;

import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.SourcePos;

/**
 * Direct-style execution of closures whose bodies provably make no call that parks, yields or
 * captures (fib, tak, most loops): the body runs on the Java stack through {@link Node#run}, a call
 * of another such closure is a Java call, a tail call is a turn of the loop in {@link #invoke}. No
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
   * How deep (in nested node runs, summed over the closures running directly) the Java stack may
   * grow before the next call unwinds it into heap frames. Measured: 1,000 took about 320 KiB of
   * stack (JIT-compiled and interpreted alike); 400 leaves most of a 1 MiB thread stack (the JVM's
   * default, also for the fiber pool's threads) to nested machines and the host.
   */
  static final int MAX_DEPTH = 400;

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
    try {
      m.value = invoke(m, c, frame);
    } catch (Suspend s) {
      s.resumeIn(m);
    }
  }

  /** Runs the body of {@code c} in {@code frame} directly and returns its value. */
  static Object invoke(Machine m, Closure c, Object[] frame) {
    Lambda l = c.lambda;
    int d = l.depth;
    if (!l.direct || --m.steps < 0) {
      throw Suspend.node(l.body, frame);
    }
    if (m.depth + d > MAX_DEPTH) {
      if (++l.overflows > MAX_OVERFLOWS) {
        l.direct = false;
      }
      throw Suspend.node(l.body, frame);
    }
    m.depth += d;
    Node body = l.body;
    Object[] env = frame;
    try {
      while (true) {
        Object v = body.runTail(m, env);
        if (v != TAIL) {
          return v;
        }
        body = m.tailBody;
        env = m.tailEnv;
        if (--m.steps < 0) {
          throw Suspend.node(body, env);
        }
      }
    } catch (LispThrow t) {
      throw Suspend.of(t, body.pos());
    } finally {
      m.depth -= d;
    }
  }

  /** A tail call of {@code c} with its frame: {@link #TAIL} for the loop, or on the machine. */
  static Object tailCall(Machine m, Closure c, Object[] frame) {
    Lambda l = c.lambda;
    if (!l.direct) {
      throw Suspend.node(l.body, frame);
    }
    m.tailBody = l.body;
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
    throw Suspend.apply(f, args, pos);
  }
}
