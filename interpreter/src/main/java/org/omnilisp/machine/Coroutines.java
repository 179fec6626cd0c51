package org.omnilisp.machine;

import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Procedure;

/**
 * {@code resume} and {@code yield}: one-shot delimited continuations inside one machine. Resuming
 * links the resumer's chain under the fiber's base frame and makes the fiber current; yielding cuts
 * the chain at the base frame, saves the fiber's part and hands the value to the resumer. Both are
 * O(1), whatever the depth of either chain.
 *
 * <p>A fiber may be shared by several fibers or OS threads: resuming claims it atomically ({@link
 * Fiber#claim}), so of two racing resumers one runs it and the other gets {@code resume: ... is
 * already running}. The yield publishes the fiber's saved chain before its state becomes suspended
 * (a release store, {@link Fiber#publishSuspended}), so the next resumer, whose claim reads the
 * state with acquire semantics, sees the chain on any thread. A resume/yield pair thus costs one
 * compare-and-set and no full fence besides it (the generator row: a million pairs).
 */
public final class Coroutines {
  private Coroutines() {}

  public static void resume(Machine m, Fiber f, Object v) {
    if (f.isSpawned()) {
      throw Errors.error("resume: " + f.printForm() + " is spawned; use join to wait for it");
    }
    while (true) {
      FiberState s = f.state();
      switch (s) {
        case DONE -> {
          m.value = f.result();
          return;
        }
        case FAILED, CANCELED -> throw new LispThrow(f.result());
        case RUNNING, PARKED ->
            throw Errors.error("resume: " + f.printForm() + " is already running");
        case NEW -> {
          if (!f.claim(s)) {
            continue; // another resumer (or a spawn) took it first: look again
          }
          BaseFrame base = new BaseFrame(f);
          f.base = base;
          enter(m, f);
          m.params = f.params;
          f.params = null;
          m.push(base);
          Procedure thunk = f.thunk;
          f.thunk = null;
          m.apply(thunk, Machine.NO_ARGS);
          return;
        }
        case SUSPENDED -> {
          if (!f.claim(s)) {
            continue;
          }
          enter(m, f);
          m.scope = f.ownScope;
          f.ownScope = null;
          m.params = f.params;
          f.params = null;
          f.base.next = m.k;
          m.k = f.savedK;
          f.savedK = null;
          m.value = v;
          return;
        }
      }
    }
  }

  /**
   * {@code resume}'s fast path, for calls from direct style ({@link MachinePrimitive.FastN}): a
   * finished coroutine's value at once; a new or suspended one run on a nested trampoline ({@link
   * Machine#runNested}), so that the resumer's loop stays in direct style; SLOW for everything else
   * (the body then resumes on the machine, or raises), and when the Java stack is already deep.
   */
  public static Object resumeNow(Machine m, Object[] args) {
    if (!(args[0] instanceof Fiber f) || f.isSpawned()) {
      return MachinePrimitive.SLOW;
    }
    FiberState s = f.state();
    if (s == FiberState.DONE) {
      return f.result();
    }
    if ((s != FiberState.NEW && s != FiberState.SUSPENDED)
        || m.depth + Machine.NEST_DEPTH > Direct.MAX_DEPTH) {
      return MachinePrimitive.SLOW;
    }
    return m.runNested(f, args.length > 1 ? args[1] : Nothing.NOTHING);
  }

  private static void enter(Machine m, Fiber f) {
    f.resumer = m.current;
    m.current = f;
    f.resumerScope = m.scope;
    f.resumerParams = m.params; // the state is already running: the claim set it
  }

  /** Back in the resumer: its coroutine and its scope. */
  static void leave(Machine m, Fiber f) {
    m.current = f.resumer;
    f.resumer = null;
    m.scope = f.resumerScope;
    f.resumerScope = null;
    m.params = f.resumerParams;
    f.resumerParams = null;
  }

  public static void yield(Machine m, Object v) {
    Fiber f = m.current;
    if (f == null) {
      throw Errors.error("yield: not inside a fiber");
    }
    if (f == m.root) {
      m.yieldToHost();
      return;
    }
    f.savedK = m.k;
    m.k = f.base.next;
    f.base.next = null;
    f.ownScope = m.scope;
    f.params = m.params;
    leave(m, f);
    f.publishSuspended();
    m.value = v;
  }
}
