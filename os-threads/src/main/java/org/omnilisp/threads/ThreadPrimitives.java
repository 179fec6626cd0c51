package org.omnilisp.threads;

import java.util.concurrent.atomic.AtomicLong;
import org.omnilisp.interp.Interpreter;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Procedure;
import org.omnilisp.machine.Frame;
import org.omnilisp.machine.Host;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.MachinePrimitive;
import org.omnilisp.machine.Primitive;

/**
 * OS threads, atomics and mutexes (LANGUAGE.md §8): {@code thread thread-join thread-id atomic
 * atomic-get atomic-set! atomic-cas! atomic-swap! mutex mutex-lock! mutex-unlock!}.
 */
public final class ThreadPrimitives {
  private final Interpreter interp;
  private final ThreadSupport support;
  private final AtomicLong threadIds = new AtomicLong();

  private ThreadPrimitives(Interpreter interp, ThreadSupport support) {
    this.interp = interp;
    this.support = support;
  }

  /** Defines the primitives of §8 as globals of {@code interp}. */
  public static void install(Interpreter interp, ThreadSupport support) {
    new ThreadPrimitives(interp, support).define();
  }

  private void define() {
    interp.define("thread", Primitive.of1("thread", this::startThread));
    interp.define("thread-join", new MachinePrimitive("thread-join", 1, 1, this::join));
    // The JVM's id of the current OS thread. In a spawned fiber this is the pool thread that runs
    // it right now, which may change after any park or slice.
    interp.define("thread-id", Primitive.of0("thread-id", ThreadPrimitives::currentThreadId));

    interp.define("atomic", Primitive.of1("atomic", LispAtomic::new));
    interp.define("atomic-get", Primitive.of1("atomic-get", a -> atomic("atomic-get", a).get()));
    interp.define(
        "atomic-set!",
        Primitive.of2(
            "atomic-set!",
            (a, v) -> {
              atomic("atomic-set!", a).set(v);
              return Nothing.NOTHING;
            }));
    interp.define(
        "atomic-cas!",
        Primitive.of3(
            "atomic-cas!",
            (a, expected, replacement) -> atomic("atomic-cas!", a).casEqv(expected, replacement)));
    interp.define(
        "atomic-swap!", new MachinePrimitive("atomic-swap!", 2, 2, ThreadPrimitives::swap));

    interp.define("mutex", Primitive.of0("mutex", LispMutex::new));
    interp.define(
        "mutex-lock!",
        new MachinePrimitive(
            "mutex-lock!",
            (m, args) -> mutex("mutex-lock!", args[0]).lock(m),
            (m, a) -> mutex("mutex-lock!", a).tryLock(m)));
    interp.define(
        "mutex-unlock!",
        new MachinePrimitive(
            "mutex-unlock!",
            (m, args) -> {
              mutex("mutex-unlock!", args[0]).unlock(m);
              m.setValue(Nothing.NOTHING);
            },
            (m, a) -> {
              mutex("mutex-unlock!", a).unlock(m);
              return Nothing.NOTHING;
            }));
  }

  @SuppressWarnings("deprecation") // Thread.getId is deprecated from Java 19 on; fine on 17
  private static Object currentThreadId() {
    return Thread.currentThread().getId();
  }

  // ---- threads ----

  private Object startThread(Object thunk) {
    if (!(thunk instanceof Procedure proc)) {
      throw Errors.wrongType("thread", "a procedure", thunk);
    }
    LispThread lt = new LispThread(threadIds.incrementAndGet());
    Machine m = Machine.forCall(interp, proc);
    Host host = support.newThreadHost();
    Thread t = new Thread(() -> runThread(lt, host, m), "omni-thread-" + lt.id);
    t.setDaemon(true);
    lt.setJavaThread(t);
    support.threadStarted();
    try {
      t.start();
    } catch (Throwable e) {
      support.threadEnded();
      throw Errors.error("thread: could not start an OS thread: " + e);
    }
    return lt;
  }

  private void runThread(LispThread lt, Host host, Machine m) {
    try {
      Object value;
      boolean failed;
      try {
        value = host.run(m);
        failed = false;
      } catch (LispThrow e) {
        value = e.payload();
        failed = true;
      } catch (RuntimeException | Error e) {
        value = new ErrorObject("internal error in " + lt.printForm() + ": " + e).withCause(e);
        failed = true;
      }
      boolean nobodyWaiting = lt.finish(value, failed);
      if (failed && nobodyWaiting) {
        interp.out().flush();
        support.reportUnlessJoined(
            "thread " + lt.id + " failed: " + Errors.report(value), lt::wasJoined);
      }
    } finally {
      support.threadEnded();
    }
  }

  private void join(Machine m, Object[] args) {
    if (!(args[0] instanceof LispThread lt)) {
      throw Errors.wrongType("thread-join", "a thread", args[0]);
    }
    lt.markJoined();
    if (lt.isFinished()) {
      m.setValue(lt.resultOrThrow());
      return;
    }
    if (m.root() == null && lt.javaThread() == Thread.currentThread()) {
      throw Errors.error("thread-join: a thread cannot join itself");
    }
    m.park(lt.new JoinOp());
  }

  // ---- atomics ----

  private static LispAtomic atomic(String op, Object a) {
    if (a instanceof LispAtomic at) {
      return at;
    }
    throw Errors.wrongType(op, "an atomic", a);
  }

  private static void swap(Machine m, Object[] args) {
    LispAtomic a = atomic("atomic-swap!", args[0]);
    if (!(args[1] instanceof Procedure f)) {
      throw Errors.wrongType("atomic-swap!", "a procedure", args[1]);
    }
    SwapFrame frame = new SwapFrame(a, f);
    frame.callWithCurrent(m);
  }

  /**
   * Receives {@code (f old)}; installs it if the atomic still holds exactly {@code old}, else calls
   * {@code f} again on the newer value. The frame re-pushes itself for each retry.
   */
  private static final class SwapFrame extends Frame {
    private final LispAtomic atomic;
    private final Procedure f;
    private Object old;

    SwapFrame(LispAtomic atomic, Procedure f) {
      this.atomic = atomic;
      this.f = f;
    }

    void callWithCurrent(Machine m) {
      old = atomic.get();
      m.push(this);
      m.apply(f, new Object[] {old});
    }

    @Override
    protected Frame copy() {
      return cloneFrame();
    }

    @Override
    public void resume(Machine m) {
      Object result = m.value();
      if (atomic.compareAndSet(old, result)) {
        return; // m.value() already holds the new value
      }
      callWithCurrent(m);
    }
  }

  // ---- mutexes ----

  private static LispMutex mutex(String op, Object x) {
    if (x instanceof LispMutex mx) {
      return mx;
    }
    throw Errors.wrongType(op, "a mutex", x);
  }
}
