package org.omnilisp.machine;

import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Printable;
import org.omnilisp.lang.Procedure;

/**
 * A fiber: a paused computation. Resumed by {@code resume} it runs as a coroutine (a one-shot
 * delimited continuation inside the resumer's machine); spawned, it runs in a machine of its own
 * under a scheduler, which keeps its bookkeeping in {@link #host}.
 *
 * <p>While suspended at a {@code yield}, {@code savedK} holds the fiber's frame chain, whose last
 * frame is {@code base}; resuming links the resumer's chain under {@code base}.
 */
public final class Fiber implements Printable {
  /** The message of the error that cancellation raises. */
  public static final String CANCELED = "canceled";

  private final long id;
  private volatile FiberState state = FiberState.NEW;
  private volatile boolean cancelRequested;
  Procedure thunk; // dropped once the fiber has started
  Frame savedK;
  BaseFrame base;
  Fiber resumer;

  // The machine's scope register (see Machine.scope) belongs to the dynamic extent: the
  // resumer's is put back when the coroutine yields or ends, the coroutine's own when it resumes.
  BodyScope resumerScope;
  BodyScope ownScope;

  /**
   * The parameter values the fiber starts with (those of the code that made or spawned it); while
   * it is suspended at a yield, those it had there. The resumer's are kept in resumerParams.
   */
  ParamBinding params;

  ParamBinding resumerParams;

  /** The resources this spawned fiber owns (see {@link Owned}); the first ownedCount are used. */
  private Owned[] owned;

  private int ownedCount;
  private volatile Object result;

  /** Set by the scheduler when the fiber is spawned; null for coroutines. */
  private volatile SpawnedTask host;

  public Fiber(long id, Procedure thunk) {
    this.id = id;
    this.thunk = thunk;
  }

  public long id() {
    return id;
  }

  public FiberState state() {
    return state;
  }

  public void setState(FiberState state) {
    this.state = state;
  }

  /**
   * A coroutine's yield: suspended, with a release store. Everything the yield wrote before (the
   * saved chain, scope and parameters) is visible to whoever reads the state and finds it suspended
   * (a volatile read or the claim's compare-and-set); what a full volatile store adds, a fence
   * against later loads of this thread, nothing here needs, and it costs ~10 ns per yield.
   */
  void publishSuspended() {
    STATE.setRelease(this, FiberState.SUSPENDED);
  }

  /**
   * Moves the fiber from {@code expected} to running, atomically: of two threads or fibers that
   * resume (or spawn) the same paused fiber at once, exactly one wins; the other sees it running.
   */
  public boolean claim(FiberState expected) {
    return STATE.compareAndSet(this, expected, FiberState.RUNNING);
  }

  private static final java.lang.invoke.VarHandle STATE;

  static {
    try {
      STATE =
          java.lang.invoke.MethodHandles.lookup()
              .findVarHandle(Fiber.class, "state", FiberState.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The value it returned, or the error it raised, once finished. */
  public Object result() {
    return result;
  }

  void finish(FiberState end, Object value) {
    result = value;
    state = end;
  }

  /**
   * Records how a spawned fiber ended (the scheduler's side of {@link #finish}). A fiber that ends
   * after a cancel request first releases the resources it still owns ({@link Owned}).
   */
  public void complete(FiberState end, Object value) {
    Owned[] mine = owned;
    owned = null;
    if (cancelRequested && mine != null) {
      for (int i = 0; i < ownedCount; i++) {
        Owned r = mine[i];
        if (r.ownedBy(this) && r.held()) {
          try {
            r.release();
          } catch (RuntimeException e) {
            // releasing is best effort: the others must still be released
          }
        }
      }
    }
    ownedCount = 0;
    finish(end, value);
  }

  /**
   * Adds a resource this fiber now owns. Called only by the fiber's own code, so the list needs no
   * lock; it drops what was closed or taken over whenever it fills up.
   */
  void own(Owned r) {
    if (owned == null) {
      owned = new Owned[4];
    } else if (ownedCount == owned.length) {
      int kept = 0;
      for (int i = 0; i < ownedCount; i++) {
        Owned o = owned[i];
        if (o.ownedBy(this) && o.held()) {
          owned[kept++] = o;
        }
      }
      java.util.Arrays.fill(owned, kept, ownedCount, null);
      ownedCount = kept;
      if (kept * 2 > owned.length) {
        owned = java.util.Arrays.copyOf(owned, owned.length * 2);
      }
    }
    owned[ownedCount++] = r;
  }

  public boolean isCancelRequested() {
    return cancelRequested;
  }

  public void requestCancel() {
    cancelRequested = true;
  }

  /** The fiber will start with the parameter values of the code running on {@code m}. */
  public void inheritParameters(Machine m) {
    if (state == FiberState.NEW) {
      params = m.params;
    }
  }

  /** The scheduler's record of this fiber, or null if it was never spawned. */
  public SpawnedTask host() {
    return host;
  }

  /** Called by the scheduler when it spawns the fiber. */
  public void setHost(SpawnedTask task) {
    host = task;
  }

  public boolean isSpawned() {
    return host != null;
  }

  /** The state an uncaught error gives: {@code canceled} for the cancellation error. */
  public static FiberState stateForError(Object payload) {
    return payload instanceof ErrorObject e && CANCELED.equals(e.message())
        ? FiberState.CANCELED
        : FiberState.FAILED;
  }

  @Override
  public String printForm() {
    return "#<fiber " + id + " " + state.symbol() + ">";
  }
}
