package org.omnilisp.machine;

import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.SourcePos;

/**
 * Thrown through code running in direct style (on the Java stack, see {@link Direct}) when it has
 * to go on as the CPS machine after all: a call of something that needs the machine (a park, a
 * yield, {@code call/cc}, a closure that does not run directly), the end of the slice's step
 * budget, a Java stack grown too deep, or a raise (so that the raise sees the whole frame chain).
 *
 * <p>This is generalized stack inspection (Pettyjohn et al., "Continuations from generalized stack
 * inspection", ICFP 2005): while it travels out, every direct-style node it passes that still has
 * work to do adds the same heap frame the CPS machine would have pushed for that work ({@link
 * #add}), innermost first. Where direct style was entered, {@link #resumeIn} links those frames on
 * top of the machine's chain and performs the pending action, and the machine goes on as if it had
 * run in CPS all along. Stackless: it is control flow.
 */
final class Suspend extends RuntimeException {
  private static final int NODE = 0;
  private static final int APPLY = 1;
  private static final int RAISE = 2;
  private static final int NESTED = 3;

  private final int kind;
  private final Node node;
  private final Object[] env;
  private final Object fn;
  private final Object[] args;
  private final Object payload;
  private final SourcePos pos;
  private Frame head;
  private Frame tail;

  /** Whether it is a call whose machine primitive's fast path declined ({@link Direct#call}). */
  boolean declined;

  /** A nested run's bottom ({@link NestedBottom}) to link to the rebuilt frames, or null. */
  private NestedBottom bottom;

  /** For {@link #nested}: the chain the nested run had reached. */
  private Frame nestedK;

  private Suspend(
      int kind, Node node, Object[] env, Object fn, Object[] args, Object payload, SourcePos pos) {
    super(null, null, false, false);
    this.kind = kind;
    this.node = node;
    this.env = env;
    this.fn = fn;
    this.args = args;
    this.payload = payload;
    this.pos = pos;
  }

  /** Goes on by running {@code node} in {@code env} on the machine. */
  static Suspend node(Node node, Object[] env) {
    return new Suspend(NODE, node, env, null, null, null, null);
  }

  /** Goes on by calling {@code fn} on the machine (the call at {@code pos}). */
  static Suspend apply(Object fn, Object[] args, SourcePos pos) {
    return new Suspend(APPLY, null, null, fn, args, null, pos);
  }

  /**
   * {@code e} (a Suspend or a {@link LispThrow}) caught by a direct-style node at {@code pos}: a
   * raise becomes a Suspend that raises it on the machine, located at {@code pos} if it has no
   * position yet.
   */
  static Suspend of(RuntimeException e, SourcePos pos) {
    if (e instanceof Suspend s) {
      return s;
    }
    Object payload = ((LispThrow) e).payload();
    if (payload instanceof ErrorObject err) {
      err.locate(pos);
    }
    return new Suspend(RAISE, null, null, null, null, payload, pos);
  }

  /**
   * A nested run ({@link Machine#runNested}) must go on as the machine: its registers were {@code
   * k}, {@code node}, {@code env} and {@code value} (and its status, still set), its chain ends at
   * {@code bottom}, to be linked to the frames rebuilt on the way out.
   */
  static Suspend nested(NestedBottom bottom, Frame k, Node node, Object[] env, Object value) {
    Suspend s = new Suspend(NESTED, node, env, null, null, value, null);
    s.bottom = bottom;
    s.nestedK = k;
    return s;
  }

  /**
   * {@code payload} was raised in a nested run where it leaves the coroutine (its chain had come
   * down to {@code bottom}): it is raised again outside, where the caller's frames are rebuilt, and
   * the chain of the first raise (for the call chain of an uncaught error) goes on through them.
   */
  static Suspend raisedFromNested(NestedBottom bottom, Object payload) {
    Suspend s = new Suspend(RAISE, null, null, null, null, payload, null);
    s.bottom = bottom;
    return s;
  }

  /** Adds the frame of the next enclosing piece of work (outside those added so far). */
  Suspend add(Frame f) {
    if (head == null) {
      head = f;
    } else {
      tail.next = f;
    }
    tail = f;
    return this;
  }

  /** Links the frames on top of {@code m}'s chain and performs the pending action there. */
  void resumeIn(Machine m) {
    if (head != null) {
      tail.next = m.k;
      m.k = head;
    }
    if (bottom != null) {
      bottom.link(m.k);
    }
    switch (kind) {
      case NESTED:
        m.k = nestedK;
        m.env = env;
        m.node = node;
        m.value = payload;
        break;
      case NODE:
        m.env = env;
        m.node = node;
        break;
      case APPLY:
        m.site = pos;
        try {
          m.apply(fn, args);
        } catch (LispThrow t) {
          m.raiseAt(t.payload(), pos);
        }
        if (m.status == Machine.Status.PARK) {
          m.parkedAt(pos); // the call parked, not the node where direct style was entered
        }
        break;
      default:
        m.raiseAt(payload, pos);
    }
  }
}
