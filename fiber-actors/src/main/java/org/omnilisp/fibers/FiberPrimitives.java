package org.omnilisp.fibers;

import org.omnilisp.builtins.Args;
import org.omnilisp.interp.Interpreter;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Procedure;
import org.omnilisp.machine.Fiber;
import org.omnilisp.machine.FiberState;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.MachinePrimitive;
import org.omnilisp.machine.Primitive;

/**
 * {@code spawn}, {@code join}, {@code cancel}, {@code canceled?}, {@code sleep}, {@code fibers},
 * the pool size, and {@code with-fibers} (LANGUAGE.md §5 and §7).
 */
final class FiberPrimitives {
  private final FiberRuntime runtime;

  private FiberPrimitives(FiberRuntime runtime) {
    this.runtime = runtime;
  }

  static void install(FiberRuntime runtime) {
    FiberPrimitives p = new FiberPrimitives(runtime);
    Interpreter interp = runtime.interp;
    // Fast paths for calls from direct style (MachinePrimitive.FastN): spawn never waits, join of
    // a finished fiber (or one it runs to its end in place) does not either.
    interp.define("spawn", new MachinePrimitive("spawn", 1, 1, p::spawn, p::spawnNow));
    interp.define("join", new MachinePrimitive("join", 1, 1, p::join, p::joinNow));
    interp.define("cancel", Primitive.of1("cancel", p::cancel));
    interp.define(
        "canceled?",
        new MachinePrimitive(
            "canceled?", 0, 0, (m, a) -> m.setValue(m.isCanceled()), (m, a) -> m.isCanceled()));
    interp.define("sleep", new MachinePrimitive("sleep", 1, 1, p::sleep));
    interp.define(
        "fiber-pool-size", Primitive.of0("fiber-pool-size", () -> (long) runtime.poolSize()));
    interp.define("set-fiber-pool-size!", Primitive.of1("set-fiber-pool-size!", p::setPoolSize));
    interp.define("fibers", Primitive.of0("fibers", p::fibers));
    interp.define(
        "%with-fibers",
        new MachinePrimitive("with-fibers", 1, 1, (m, a) -> Scope.enter(runtime, m, a)));
  }

  private void spawn(Machine m, Object[] args) {
    m.setValue(spawnNow(m, args));
  }

  private Object spawnNow(Machine m, Object[] args) {
    Fiber f =
        args[0] instanceof Procedure proc && !(args[0] instanceof Fiber)
            ? runtime.interp.newFiber(proc)
            : Args.fiber("spawn", args[0]);
    start(m, f, "spawn");
    return f;
  }

  /** Hands a fiber to the scheduler, in the spawner's scope. */
  private void start(Machine m, Fiber f, String op) {
    while (true) {
      if (f.isSpawned()) {
        throw Errors.error(op + ": " + f.printForm() + " is already spawned");
      }
      FiberState s = f.state();
      if (s.isFinished()) {
        throw Errors.error(op + ": " + f.printForm() + " has already finished");
      }
      if (s == FiberState.RUNNING || s == FiberState.PARKED) {
        throw Errors.error(op + ": " + f.printForm() + " is running as a coroutine");
      }
      f.inheritParameters(m); // while it is new: the spawner's parameter values
      if (f.claim(s)) { // atomically: a racing resume or spawn of the same fiber sees it running
        runtime.start(f, (Scope) m.scope());
        return;
      }
    }
  }

  private void join(Machine m, Object[] args) {
    Object v = joinNow(m, args);
    if (v != MachinePrimitive.SLOW) {
      m.setValue(v);
      return;
    }
    Fiber f = (Fiber) args[0];
    if (f.host() instanceof ForeignFiber foreign) { // e.g. a fiber of spawn-at on another node
      m.park(foreign.join());
    } else {
      m.park(new JoinOp((FiberTask) f.host()));
    }
  }

  /**
   * {@code join} without waiting: the joined fiber's result (or its error raised), or SLOW when it
   * has to wait. It may have started the fiber, and run it in place (a fork-join worker helping,
   * unless the Java stack is already deep: {@link Machine#stackShallow}); called again, it finds
   * that done.
   */
  private Object joinNow(Machine m, Object[] args) {
    Fiber f = Args.fiber("join", args[0]);
    if (f == m.root() || f == m.currentFiber()) {
      throw Errors.error("join: a fiber cannot join itself");
    }
    if (!f.isSpawned()) {
      if (f.state().isFinished()) {
        return finished(m, f);
      }
      start(m, f, "join");
    }
    if (f.host() instanceof ForeignFiber) {
      return f.state().isFinished() ? finished(m, f) : MachinePrimitive.SLOW;
    }
    FiberTask task = (FiberTask) f.host();
    if (f.state().isFinished()
        || (m.stackShallow() && task.runHereIfUnstarted(m) && f.state().isFinished())) {
      task.markJoined(); // within the grace period of an unjoined error: it is not reported
      return finished(m, f);
    }
    return MachinePrimitive.SLOW;
  }

  private static Object finished(Machine m, Fiber f) {
    if (f.state() == FiberState.DONE) {
      return m.received(f.result());
    }
    throw new org.omnilisp.lang.LispThrow(f.result());
  }

  private Object cancel(Object x) {
    runtime.cancel(Args.fiber("cancel", x));
    return Nothing.NOTHING;
  }

  private void sleep(Machine m, Object[] args) {
    if (!(args[0] instanceof Long ms) || ms < 0) {
      throw Errors.wrongType("sleep", "a non-negative integer (milliseconds)", args[0]);
    }
    m.park(new SleepOp(runtime, ms));
  }

  private Object setPoolSize(Object n) {
    if (!(n instanceof Long size) || size < 1 || size > FiberRuntime.MAX_POOL_SIZE) {
      throw Errors.wrongType(
          "set-fiber-pool-size!",
          "a positive integer (at most " + FiberRuntime.MAX_POOL_SIZE + ")",
          n);
    }
    runtime.setPoolSize((int) (long) size);
    return Nothing.NOTHING;
  }

  /** {@code (fibers)}: a list of {@code (id state waiting-for)} for every live spawned fiber. */
  private Object fibers() {
    Object result = org.omnilisp.lang.Nil.NIL;
    var tasks = runtime.liveFibers();
    for (int i = tasks.size() - 1; i >= 0; i--) {
      FiberTask t = tasks.get(i);
      Object entry = Pair.list(t.fiber.id(), t.fiber.state().symbol(), t.waitingFor());
      result = new Pair(entry, result);
    }
    return result;
  }
}
