package org.omnilisp.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.omnilisp.lang.CallTrace;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Procedure;
import org.omnilisp.lang.SourcePos;

/**
 * The CPS machine. Registers: {@code value} (the last value computed), {@code node} (the next node
 * to run, or null to return {@code value} to the continuation), {@code env} (the current
 * environment frame: slot 0 links to the enclosing frame) and {@code k} (the chain of continuation
 * frames, on the heap). {@link #run} is a trampoline that never recurses in Java, so recursion
 * depth is bounded by the heap only, and tail calls push no frame.
 *
 * <p>Suspension is a returned {@link Status}, never a blocked thread: a {@code yield} at the top of
 * a spawned fiber, a park request ({@link #parkOp}), or the end of a slice of steps. The host that
 * called {@code run} decides when and where to go on.
 */
public final class Machine {
  /** Why {@link #run} returned. */
  public enum Status {
    /** Finished: the result is in {@code value}. */
    DONE,
    /** An uncaught raise: the raised object is in {@code value}. */
    FAILED,
    /** A spawned fiber yielded to its scheduler; go on with {@link #resume(Object)}. */
    YIELD,
    /** Waiting for {@link #parkOp()}; go on with {@link #resume} or {@link #resumeWithError}. */
    PARK,
    /** The step budget ran out; call {@link #run} again. */
    SLICE
  }

  static final Object[] NO_ARGS = new Object[0];

  // The registers: written by the machine's own package only (others use the methods below).
  Object value;
  Node node;
  Object[] env;
  Frame k;

  /** The innermost coroutine running on this machine, or null at the machine's own level. */
  Fiber current;

  /** The spawned fiber this machine runs, or null for the main program and OS threads. */
  final Fiber root;

  final Context interp;

  /** The runtime's structured scope this machine's code runs in (null: none). */
  BodyScope scope;

  /** The parameter values {@code parameterize} has bound here, innermost first (or null). */
  ParamBinding params;

  Status status;

  /**
   * Steps left in the current slice (run loop turns and direct-style calls, see {@link Direct}).
   */
  long steps;

  /**
   * Set by a host that does not preempt (the main program's, {@link BlockingHost}): when the budget
   * runs out in direct-style code holding at least {@link #DEEP} units of the Java stack, it is
   * asked whether an interruption is pending, and if none is the budget is refilled with {@link
   * #lookEvery} steps and the slice goes on, so that the deep stack is not unwound into heap frames
   * for nothing. Null: every slice ends when its budget does (a fiber's host, which must preempt
   * exactly as LANGUAGE.md section 5 says).
   */
  private BooleanSupplier interruptPending;

  private long lookEvery;

  /** The steps added by refills of the budget (see {@link #stepsTaken}). */
  private long refilled;

  /**
   * How deep (in {@link Direct#UNIT}s) direct-style code must be for a host's look ({@link
   * #lookForInterrupts}) to refill the budget in place instead of ending the slice: 128 KiB (about
   * 170 compiled calls, 400 levels of the tree), or half the budget if that is less. Below it the
   * slice ends as always: unwinding a shallow stack costs little, and the suspension paths stay in
   * use, so the JIT compiles them as it always did (with slices that never end, C2 took them for
   * dead code and inlined the tree's recursion far deeper: deriv +50-80% CPU, nqueens +20%; at 64
   * KiB nqueens, whose recursion comes near that, was still 10-20% slower; docs/performance.md,
   * sessions 7b and 8).
   */
  static final int DEEP = Math.min(4096, Direct.MAX_DEPTH / 2);

  /** How deep direct-style code has grown the Java stack ({@link Direct#MAX_DEPTH}). */
  int depth;

  /** A direct-style tail call's callee body and frame, for {@link Direct#loop}. */
  Node tailBody;

  Object[] tailEnv;

  /** The position of the last call that went through {@link #apply} from a call node. */
  SourcePos site;

  /** The last object raised here, the frame chain and the position where it was raised. */
  private Object raised;

  private Frame raisedK;
  private SourcePos raisedAt;
  private ParkOp parkOp;
  private Object parkSite;

  /**
   * Where a park began that direct style or a nested run ({@link #runNested}) passed on to the
   * machine (a node, a frame, or the position of the call), for {@link #run} to take as the park
   * site instead of the node where direct style was entered.
   */
  private Object nestedParkSite;

  /** How much a nested run adds to {@link #depth}: its own Java frames, about a kilobyte. */
  static final int NEST_DEPTH = 1024 / Direct.UNIT;

  /** The park in progress inside a body scope, for the scope to withdraw if it has to. */
  private volatile ScopedPark scopedPark;

  private record ScopedPark(ParkOp op, Waker waker, BodyScope scope) {}

  private Machine(Context interp, Fiber root) {
    this.interp = interp;
    this.root = root;
    this.current = root;
    this.k = new HaltFrame();
  }

  /** A machine that will run analysed top-level code in a fresh environment frame. */
  public static Machine forCode(Context interp, Code code) {
    Machine m = new Machine(interp, null);
    m.env = new Object[code.frameSize() + 1];
    m.node = code.body();
    return m;
  }

  /** A machine that will call {@code fn} with {@code args} (an OS thread, a callback). */
  public static Machine forCall(Context interp, Procedure fn, Object... args) {
    Machine m = new Machine(interp, null);
    m.node = new StartNode(fn, args);
    return m;
  }

  /**
   * A machine that will run a spawned fiber: from its start, or from the {@code yield} it is
   * suspended at (which then returns {@code nothing}).
   */
  public static Machine forFiber(Context interp, Fiber fiber) {
    Machine m = new Machine(interp, fiber);
    m.params = fiber.params;
    if (fiber.savedK != null) {
      fiber.base.next = m.k;
      m.k = fiber.savedK;
      fiber.savedK = null;
      fiber.resumer = null;
      m.scope = fiber.ownScope;
      fiber.ownScope = null;
      m.value = Nothing.NOTHING;
    } else {
      m.node = new StartNode(fiber.thunk, NO_ARGS);
      fiber.thunk = null;
    }
    return m;
  }

  /**
   * {@link #run}, nested on the Java stack above {@code below}, a machine running on the same
   * thread (a join that runs an unstarted fiber in place: {@link #stackShallow}): direct-style code
   * here goes on from the depth {@code below} has reached, plus {@link #NEST_DEPTH} for the frames
   * between, so that all the machines nested on one thread share one {@link Direct#MAX_DEPTH} and
   * the thread's stack holds them whatever {@code -Domnilisp.directStack} says.
   */
  public Status runAbove(Machine below, long budget) {
    int own = depth;
    depth = below.depth + NEST_DEPTH;
    try {
      return run(budget);
    } finally {
      depth = own;
    }
  }

  /** Runs at most {@code budget} steps; returns why it stopped. */
  public Status run(long budget) {
    if (status == Status.SLICE) {
      status = null;
    }
    Object where = null;
    steps = budget;
    while (true) {
      try {
        while (status == null) {
          if (--steps < 0) {
            status = Status.SLICE;
            break;
          }
          Node n = node;
          if (n != null) {
            node = null;
            where = n;
            n.exec(this);
          } else {
            Frame f = k;
            if (f.shared) {
              f = f.copy();
            }
            k = f.next;
            where = f;
            f.resume(this);
          }
        }
        if (status == Status.PARK) {
          parkSite = nestedParkSite != null ? nestedParkSite : where;
          nestedParkSite = null;
        }
        return status;
      } catch (LispThrow t) {
        raise(t.payload(), where);
      } catch (StackOverflowError e) {
        raise(new ErrorObject("stack overflow in a nested evaluation"), where);
      } catch (RuntimeException e) {
        raise(new ErrorObject("internal error: " + e).withCause(e), where);
      }
    }
  }

  /**
   * {@code resume} from direct style ({@link Coroutines#resumeNow}): runs the coroutine {@code f}
   * on a nested trampoline on the Java stack, its chain ending at a {@link NestedBottom} instead of
   * the resumer's frames (which are the Java stack), and returns what it yields or returns. So the
   * resumer's loop stays in direct style. The coroutine's chain is delimited by its base frame (its
   * continuations, handlers and raises stop there), so nothing in it needs the frames below,
   * except: a park or the end of the slice (the nested run then throws a {@link Suspend} that
   * rebuilds the resumer's frames below the bottom and goes on as the machine, exactly where it
   * was), and a raise that leaves the coroutine (raised again outside, on the rebuilt frames).
   */
  Object runNested(Fiber f, Object v) {
    Frame k0 = k;
    Node node0 = node;
    Object[] env0 = env;
    NestedBottom bottom = new NestedBottom();
    k = bottom;
    node = null;
    depth += NEST_DEPTH;
    Object where = null;
    boolean started = false;
    try {
      while (true) {
        Object payload;
        try {
          if (!started) {
            started = true;
            Coroutines.resume(this, f, v);
          }
          while (status == null && (--steps >= 0 || !sliceEnds())) {
            Node n = node;
            if (n != null) {
              node = null;
              where = n;
              n.exec(this);
            } else {
              Frame fr = k;
              if (fr == bottom) {
                Object result = value;
                k = k0;
                node = node0;
                env = env0;
                return result;
              }
              if (fr.shared) {
                fr = fr.copy();
              }
              k = fr.next;
              where = fr;
              fr.resume(this);
            }
          }
          break; // a park (or another status) or the end of the slice: on as the machine
        } catch (LispThrow t) {
          payload = t.payload();
        } catch (StackOverflowError e) {
          payload = new ErrorObject("stack overflow in a nested evaluation");
        } catch (
            RuntimeException e) { // a Suspend cannot come here (Direct.enter catches it): a bug
          payload = new ErrorObject("internal error: " + e).withCause(e);
        }
        if (k == bottom) { // raised in the resumer: resume's own error, or the coroutine's end
          k = k0;
          node = node0;
          env = env0;
          if (where == null) {
            throw new LispThrow(payload); // nothing ran: the call raises it, at its position
          }
          throw Suspend.raisedFromNested(bottom, payload);
        }
        raise(payload, where);
      }
      if (status == Status.PARK) {
        parkedAt(where);
      }
      Suspend s = Suspend.nested(bottom, k, node, env, value);
      k = k0;
      node = node0;
      env = env0;
      throw s;
    } finally {
      depth -= NEST_DEPTH;
    }
  }

  /**
   * The budget of the slice has run out in direct-style code: whether the slice ends (always,
   * unless the host set {@link #lookForInterrupts} and the Java stack is {@link #DEEP}); if not,
   * the budget has been refilled.
   */
  boolean sliceEnds() {
    // Small enough to be inlined at every check: in code that never gets DEEP, the JIT then sees
    // the call below never made and compiles the check as it did when every slice ended.
    return depth < DEEP || !goesOn();
  }

  /** The look itself (deep direct-style code): whether the slice goes on, its budget refilled. */
  private boolean goesOn() {
    BooleanSupplier pending = interruptPending;
    if (pending == null || pending.getAsBoolean()) {
      return false;
    }
    refilled += lookEvery - steps;
    steps = lookEvery;
    return true;
  }

  /**
   * A clock of the steps taken within a slice, refills included: it goes up by one per step, so the
   * difference of two readings is the steps taken between them (see {@link Direct#enter}).
   */
  long stepsTaken() {
    return refilled - steps;
  }

  /**
   * For a host that does not preempt: from now on, when the budget runs out (every {@code every}
   * steps) in direct-style code at least {@link #DEEP} deep, the slice ends only if {@code pending}
   * says an interruption waits; else it goes on with {@code every} steps more. Elsewhere (on the
   * trampoline, in shallow direct-style code) the slice ends when the budget does.
   */
  void lookForInterrupts(long every, BooleanSupplier pending) {
    lookEvery = every;
    interruptPending = pending;
  }

  /** Notes {@code where} (innermost first) as the site of the park just begun, for {@link #run}. */
  void parkedAt(Object where) {
    if (nestedParkSite == null) {
      nestedParkSite = where;
    }
  }

  /** The position of a site: a node, a frame, a position, or null. */
  private static SourcePos posOf(Object where) {
    return where instanceof Node n
        ? n.pos()
        : where instanceof Frame f ? f.pos() : where instanceof SourcePos p ? p : null;
  }

  private void raise(Object payload, Object where) {
    raiseAt(payload, posOf(where));
  }

  /**
   * Raises {@code payload} on the current chain, as raised at {@code at} (or an inner position).
   */
  void raiseAt(Object payload, SourcePos at) {
    if (at == null) {
      // raised in a frame of its own (a call made by map or call-with-values, a handler...)
      at = site != null ? site : innermostPos(k);
    }
    if (payload instanceof ErrorObject e) {
      e.locate(at);
    }
    noteRaise(payload, at);
    if (!Handlers.callHandler(this, payload, false)) {
      unwind(payload);
    }
  }

  /**
   * Remembers where a new raise happened and the chain of frames it happened in (not copied: the
   * frames above a raise are never resumed again unless a continuation holds them, and then they do
   * not change), for the call chain of an uncaught error. Raising the same object again on its way
   * out (after a finally) keeps the first.
   */
  private void noteRaise(Object payload, SourcePos at) {
    if (payload != raised) {
      raised = payload;
      raisedK = k;
      raisedAt = payload instanceof ErrorObject e && e.pos() != null ? e.pos() : at;
    }
  }

  /** Where the raise that ended this machine ({@link Status#FAILED}) happened, with its chain. */
  public CallTrace failureTrace() {
    if (value != raised) {
      return null;
    }
    List<String> lines = new ArrayList<>();
    int more = 0;
    for (Frame f = raisedK; f != null; f = f.next) {
      SourcePos p = f.pos();
      if (p == null) {
        continue;
      }
      if (lines.size() < CallTrace.MAX_LINES) {
        String name = p.owner() != null ? p.owner() : "top-level";
        lines.add("  at " + name + " (" + p + ")");
      } else {
        more++;
      }
    }
    return new CallTrace(raisedAt, lines, more);
  }

  private static SourcePos innermostPos(Frame f) {
    for (int i = 0; f != null && i < 64; f = f.next, i++) {
      if (f.pos() != null) {
        return f.pos();
      }
    }
    return null;
  }

  private static void locate(Object payload, Object where) {
    if (payload instanceof ErrorObject e && where != null) {
      e.locate(posOf(where));
    }
  }

  /** Unwinds the frame chain to the nearest frame that takes control of the raised object. */
  void unwind(Object payload) {
    node = null;
    while (true) {
      Frame f = k;
      k = f.next;
      if (f.unwind(this, payload)) {
        return;
      }
    }
  }

  /** Calls {@code fn}: its result goes to the current continuation. */
  public void apply(Object fn, Object[] args) {
    if (fn instanceof Closure c) {
      env = c.bind(args);
      node = c.lambda.body;
    } else if (fn instanceof Primitive p) {
      value = p.call(args);
    } else if (fn instanceof MachinePrimitive p) {
      p.invoke(this, args);
    } else if (fn instanceof ControlProcedure p) {
      p.invoke(this, args);
    } else {
      throw Errors.wrongType("call", "a procedure", fn);
    }
  }

  /** Pushes a frame: it will receive the value of whatever runs next. */
  public void push(Frame f) {
    f.next = k;
    k = f;
  }

  /**
   * Parks the machine on {@code op}. In a canceled fiber this raises {@code canceled} instead:
   * every parking operation is a cancellation point.
   */
  public void park(ParkOp op) {
    if (isCanceled()) {
      throw new LispThrow(new ErrorObject(Fiber.CANCELED));
    }
    parkWithoutCancellation(op);
  }

  /** Parks on {@code op} even in a canceled fiber (a scope waiting for its fibers to stop). */
  public void parkWithoutCancellation(ParkOp op) {
    parkOp = op;
    status = Status.PARK;
  }

  /**
   * The host starts the park {@code op} (this machine's pending one) with {@code w}. In the body of
   * a scope the started park is then recorded, so that the scope can withdraw it, and withdrawn at
   * once if the scope has come to stop its body meanwhile: the scope sets its stop before it reads
   * the record, this method writes the record before it reads the stop, so one of the two sees the
   * other (and a withdrawal always finds the operation started).
   *
   * <p>Hosts must not resume the machine before this returns (a fiber's actor handles the wake-up
   * as its next message, a blocking host waits on its own thread), so the record is never that of
   * an older park.
   */
  public void startPark(ParkOp op, Waker w) {
    op.start(w);
    if (scope != null && scope.isBodyOf(this)) {
      ScopedPark p = new ScopedPark(op, w, scope);
      scopedPark = p;
      if (scope.stopsBody()) {
        withdraw(p);
      }
    }
  }

  /**
   * Called by a scope that stops its body, from any thread: withdraws this machine's park if it is
   * in that scope's body, which then raises {@code canceled} at the parking point.
   */
  public void withdrawParkIn(BodyScope stopping) {
    ScopedPark p = scopedPark;
    if (p != null && p.scope.isWithin(stopping)) {
      withdraw(p);
    }
  }

  private static void withdraw(ScopedPark p) {
    if (p.op.cancel()) { // won: the operation will never wake the machine itself
      p.waker.fail(new ErrorObject(Fiber.CANCELED));
    }
  }

  /**
   * Is the code running on this machine canceled: its spawned fiber canceled, or a body scope it
   * runs in stopping its body? Then {@code canceled?} is true and every park raises {@code
   * canceled}.
   */
  public boolean isCanceled() {
    return (root != null && root.isCancelRequested()) || (scope != null && scope.stopsBody());
  }

  /** Hands control to the host: the spawned fiber lets others run, then goes on. */
  void yieldToHost() {
    value = Nothing.NOTHING;
    status = Status.YIELD;
  }

  /**
   * Whether the Java stack is shallow enough here for a fast path to run other code nested on it (a
   * join that runs an unstarted fiber in place): direct-style code ({@link Direct}) may have grown
   * it. The nested code runs a machine of its own through {@link #runAbove}, so its direct style
   * goes on from this depth: all the machines nested on one thread share one {@link
   * Direct#MAX_DEPTH}, and this test keeps at least half of it for the nested code (whose direct
   * style would otherwise overflow into heap frames at once, and soon for good: {@link
   * Direct#MAX_OVERFLOWS}). 16 joins nested, each from a shallow caller, still fit in the default
   * 128 KiB.
   */
  public boolean stackShallow() {
    return depth <= Direct.MAX_DEPTH / 2;
  }

  public ParkOp parkOp() {
    return parkOp;
  }

  /**
   * Notes that {@code v} came to the running code through {@code recv} or {@code join} without a
   * park (a fast path): a resource ({@link Owned}) becomes this fiber's, as after {@link #resume}.
   * Returns {@code v}.
   */
  public Object received(Object v) {
    if (v instanceof Owned o) {
      o.claim(this);
    }
    return v;
  }

  /**
   * Goes on after a park or a yield: the pending operation returns {@code v}. A resource that
   * arrives this way (through {@code recv}, {@code join}, an accept or an open) is this fiber's
   * from now on ({@link Owned}): a port handed on is never closed under its new holder.
   */
  public void resume(Object v) {
    received(v);
    parkEnded();
    status = null;
    value = v;
    node = null;
  }

  /**
   * Between two slices (status {@link Status#SLICE}, or not yet started): raises {@code payload} at
   * the point reached, as an error of the current step would (the host's interruption).
   */
  public void interrupt(Object payload) {
    if (status == Status.PARK) {
      throw new IllegalStateException("interrupt: the machine is parked");
    }
    status = null;
    unwind(payload);
  }

  /** Goes on after a park by raising {@code payload} at the parking point. */
  public void resumeWithError(Object payload) {
    parkEnded();
    status = null;
    locate(payload, parkSite);
    noteRaise(payload, posOf(parkSite));
    if (!Handlers.callHandler(this, payload, false)) {
      unwind(payload);
    }
  }

  private void parkEnded() {
    parkOp = null;
    if (scopedPark != null) {
      scopedPark = null;
    }
  }

  /** The interpreter this machine runs code of. */
  public Context context() {
    return interp;
  }

  /** The value register: what the last step computed (a frame's input when it resumes). */
  public Object value() {
    return value;
  }

  /**
   * The current step's result: it goes to the continuation (the next frame) unless the step also
   * sets a node to run.
   */
  public void setValue(Object v) {
    value = v;
  }

  /** Runs {@code n} next (in the current environment); its value goes to the continuation. */
  public void runNext(Node n) {
    node = n;
  }

  /** Runs analysed top-level code next, in a fresh environment frame of its own. */
  public void runCode(Code code) {
    env = new Object[code.frameSize() + 1];
    node = code.body();
  }

  /** The runtime's structured scope the running code belongs to, or null. */
  public BodyScope scope() {
    return scope;
  }

  /** Enters or leaves a structured scope (the runtime's {@code with-fibers}). */
  public void setScope(BodyScope s) {
    scope = s;
  }

  /** The spawned fiber this machine runs, or null. */
  public Fiber root() {
    return root;
  }

  /** The innermost running coroutine, or null outside every fiber. */
  public Fiber currentFiber() {
    return current;
  }

  /** The first step of a machine that starts with a call. */
  static final class StartNode extends Node {
    private final Procedure fn;
    private final Object[] args;

    StartNode(Procedure fn, Object[] args) {
      super(null);
      this.fn = fn;
      this.args = args;
    }

    @Override
    public void exec(Machine m) {
      m.apply(fn, args);
    }
  }
}
