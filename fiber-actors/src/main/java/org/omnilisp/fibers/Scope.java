package org.omnilisp.fibers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Procedure;
import org.omnilisp.machine.BodyScope;
import org.omnilisp.machine.Fiber;
import org.omnilisp.machine.FiberState;
import org.omnilisp.machine.Frame;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.Node;
import org.omnilisp.machine.ParkOp;
import org.omnilisp.machine.Waker;
import org.omnilisp.machine.Winder;

/**
 * A {@code with-fibers} scope (LANGUAGE.md §7; the state table is in docs/scopes.md). Every fiber
 * spawned while the body runs, or by a fiber of the scope, joins {@link #live}. When the body
 * returns, the owner waits until the set is empty; the first failure (of the body or of a fiber)
 * cancels the rest, and once they have all stopped it is raised in the owner. A fiber's failure
 * also stops a body that is still running: its parks raise {@code canceled} from then on, starting
 * with the one it may be in. Canceling the owner while it waits cancels the scope's fibers.
 *
 * <p>In the actor tree, the scope is an actor (started when the first of its fibers parks, a child
 * of the enclosing scope's actor or of the runtime's guardian) whose children are the actors of its
 * fibers. It stops when the scope ends, so no fiber actor of the scope survives it.
 */
final class Scope implements BodyScope {
  private final FiberRuntime runtime;
  private final Scope outer;
  private volatile Machine owner; // runs the body; dropped when the scope ends
  private final Set<FiberTask> live = new HashSet<>();
  private Object firstError;
  private boolean canceling;
  private volatile boolean stopBody; // a fiber failed while the body may still run
  private Waker waiter;

  // The scope's actor (see FiberGuardian): started when the first of its fibers parks; messages
  // for it wait in `pending` until it is there.
  private ActorRef<FiberGuardian.Command> actor;
  private List<FiberGuardian.Command> pending;
  private volatile boolean closed;
  // Where the body is: errors the scope raises itself (a deadlock) carry it.
  private org.omnilisp.lang.SourcePos pos;

  private Scope(FiberRuntime runtime, Scope outer, Machine owner) {
    this.runtime = runtime;
    this.outer = outer;
    this.owner = owner;
  }

  /** The {@code with-fibers} primitive: runs the body thunk inside a new scope. */
  static void enter(FiberRuntime runtime, Machine m, Object[] args) {
    if (!(args[0] instanceof Procedure body)) {
      throw Errors.wrongType("with-fibers", "a procedure", args[0]);
    }
    Scope scope = new Scope(runtime, (Scope) m.scope(), m);
    scope.pos = body instanceof org.omnilisp.machine.Closure c ? c.bodyPos() : null;
    m.context().noteWinder();
    m.push(new Exit(scope, m.scope()));
    m.setScope(scope);
    m.apply(body, new Object[0]);
  }

  void add(FiberTask task) {
    boolean cancelNow;
    synchronized (this) {
      live.add(task);
      cancelNow = canceling;
    }
    if (cancelNow) {
      task.cancel();
    }
  }

  void childEnded(FiberTask task) {
    List<FiberTask> toCancel = List.of();
    boolean failedFirst = false;
    Waker wake = null;
    synchronized (this) {
      live.remove(task);
      if (task.fiber.state() == FiberState.FAILED && firstError == null) {
        firstError = task.fiber.result();
        toCancel = startCanceling();
        stopBody = true;
        failedFirst = true;
      }
      if (live.isEmpty() && waiter != null) {
        wake = waiter;
        waiter = null;
      }
    }
    toCancel.forEach(FiberTask::cancel);
    Machine body = owner;
    if (failedFirst && body != null) {
      body.withdrawParkIn(this);
    }
    if (wake != null) {
      wake.wake(Nothing.NOTHING);
    }
  }

  /** The body raised: remember the error (unless a fiber failed first), stop the fibers. */
  void fail(Object error) {
    List<FiberTask> toCancel;
    synchronized (this) {
      if (firstError == null) {
        firstError = error;
      }
      toCancel = startCanceling();
    }
    toCancel.forEach(FiberTask::cancel);
  }

  void cancelAll() {
    List<FiberTask> toCancel;
    synchronized (this) {
      toCancel = startCanceling();
    }
    toCancel.forEach(FiberTask::cancel);
  }

  private List<FiberTask> startCanceling() {
    canceling = true;
    return new ArrayList<>(live);
  }

  synchronized Object firstError() {
    return firstError;
  }

  /** True from a fiber's failure until the scope ends (a coroutine may carry it further). */
  @Override
  public boolean stopsBody() {
    return (stopBody && !closed) || (outer != null && outer.stopsBody());
  }

  @Override
  public boolean isBodyOf(Machine m) {
    return owner == m;
  }

  @Override
  public boolean isWithin(BodyScope other) {
    return this == other || (outer != null && outer.isWithin(other));
  }

  /** Sends to the scope's actor, starting it first if this is the first message. */
  void tell(FiberGuardian.Command message) {
    boolean open = false;
    synchronized (this) {
      if (closed) {
        return;
      }
      if (actor != null) {
        actor.tell(message);
        return;
      }
      if (pending == null) {
        pending = new ArrayList<>();
        open = true;
      }
      pending.add(message);
    }
    if (open) {
      FiberGuardian.OpenScope request = new FiberGuardian.OpenScope(this, runtime.dispatcher());
      if (outer != null) {
        outer.tell(request);
      } else {
        runtime.guardian().tell(request);
      }
    }
  }

  /** In the scope's new actor: deliver what waited for it. */
  void opened(ActorRef<FiberGuardian.Command> self) {
    List<FiberGuardian.Command> waiting;
    synchronized (this) {
      actor = self;
      waiting = pending;
      pending = null;
      if (closed) {
        self.tell(FiberGuardian.Close.INSTANCE);
        return;
      }
    }
    waiting.forEach(self::tell);
  }

  /** The scope has ended: its actor (if any) stops, and every child with it. */
  void close() {
    owner = null; // a finished fiber of the scope that is kept around must not keep the owner
    synchronized (this) {
      closed = true;
      if (actor != null) {
        actor.tell(FiberGuardian.Close.INSTANCE);
      }
    }
  }

  /** The owner waits here until every fiber of the scope has ended. */
  final class WaitForFibers implements ParkOp {
    /** Nothing can ever end the wait: stop the scope's fibers and raise {@code error} after. */
    void abandon(Object error) {
      fail(error);
    }

    @Override
    public void start(Waker w) {
      boolean now;
      synchronized (Scope.this) {
        now = live.isEmpty();
        if (!now) {
          waiter = w;
        }
      }
      if (now) {
        w.wake(Nothing.NOTHING);
      }
    }

    /** The owner was canceled: its scope's fibers are canceled, and it goes on waiting. */
    @Override
    public boolean cancel() {
      cancelAll();
      return false;
    }

    @Override
    public String describe() {
      synchronized (Scope.this) {
        return "the " + live.size() + " fiber(s) of a with-fibers scope";
      }
    }
  }

  /** Below the body: restores the outer scope, then waits for the fibers (also on error). */
  private static final class Exit extends Frame implements Winder {
    private final Scope scope;
    private final BodyScope outer;

    Exit(Scope scope, BodyScope outer) {
      this.scope = scope;
      this.outer = outer;
    }

    @Override
    public org.omnilisp.lang.SourcePos pos() {
      return scope.pos;
    }

    @Override
    public void resume(Machine m) {
      m.setScope(outer);
      m.push(new Finish(scope, m.value()));
      if (m.isCanceled()) {
        scope.cancelAll();
      }
      m.parkWithoutCancellation(scope.new WaitForFibers());
    }

    @Override
    public boolean unwind(Machine m, Object payload) {
      m.setScope(outer);
      scope.fail(payload);
      m.push(new Finish(scope, null));
      m.runNext(new Wait(scope));
      return true;
    }

    /** An error in the body reaches the scope first (R7RS handlers outside see it after). */
    @Override
    protected boolean catchesRaise() {
      return true;
    }

    /** A continuation leaves the body: the scope ends as when the body returns. */
    @Override
    public void windOut(Machine m) {
      m.setScope(outer);
      m.push(new Finish(scope, Nothing.NOTHING));
      m.runNext(new Wait(scope));
    }

    @Override
    public void windIn(Machine m) {
      throw new LispThrow(
          new ErrorObject("with-fibers: a continuation cannot enter a scope that has ended"));
    }
  }

  /** Parks the owner until the scope is empty (used while an error unwinds). */
  private static final class Wait extends Node {
    private final Scope scope;

    Wait(Scope scope) {
      super(scope.pos);
      this.scope = scope;
    }

    @Override
    public void exec(Machine m) {
      m.parkWithoutCancellation(scope.new WaitForFibers());
    }
  }

  /** After the wait: the body's value, or the scope's first error. */
  private static final class Finish extends Frame {
    private final Scope scope;
    private final Object value;

    Finish(Scope scope, Object value) {
      this.scope = scope;
      this.value = value;
    }

    @Override
    public org.omnilisp.lang.SourcePos pos() {
      return scope.pos;
    }

    @Override
    public void resume(Machine m) {
      scope.close();
      Object error = scope.firstError();
      if (error != null) {
        throw new LispThrow(error);
      }
      if (m.isCanceled()) {
        // waiting for the scope was a parking point of a canceled fiber
        throw new LispThrow(new ErrorObject(Fiber.CANCELED));
      }
      m.setValue(value);
    }
  }
}
