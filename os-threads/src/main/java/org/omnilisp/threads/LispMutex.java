package org.omnilisp.threads;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Printable;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.MachinePrimitive;
import org.omnilisp.machine.ParkOp;
import org.omnilisp.machine.Waker;

/**
 * The value of {@code (mutex)}: a non-reentrant, fiber-aware lock.
 *
 * <p>The owner is the spawned fiber of the locking machine ({@link Machine#root()}), or the current
 * OS thread outside spawned fibers; a fiber may park and move to another pool thread while it holds
 * the lock. An uncontended lock or unlock is one CAS on {@code owner}. A contended lock parks the
 * machine on a {@link LockOp} that waits in a FIFO queue; unlock hands the lock straight to the
 * oldest waiter (ownership never passes through "free", so nobody can barge past it) and wakes it.
 *
 * <p>The lost-wakeup race between an unlocker taking the fast path and a locker entering the queue
 * is closed Dekker-style with two volatile variables: the unlocker writes {@code owner = null} then
 * reads {@code waiters}; the locker writes {@code waiters} then reads {@code owner} (under the
 * monitor). At least one of them sees the other's write, and either side then grants the lock to
 * the head of the queue under the monitor.
 */
final class LispMutex implements Printable {
  private static final VarHandle OWNER;

  static {
    try {
      OWNER = MethodHandles.lookup().findVarHandle(LispMutex.class, "owner", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // accessed through OWNER
  private volatile Object owner;

  /** Number of queued waiters; written under the monitor, read without it by unlock. */
  private volatile int waiters;

  /** Guarded by this. */
  private final ArrayDeque<LockOp> queue = new ArrayDeque<>();

  /** The owner identity of code running on {@code m}. */
  static Object ownerOf(Machine m) {
    Object fiber = m.root();
    return fiber != null ? fiber : Thread.currentThread();
  }

  /** {@code (mutex-lock! m)}: takes the lock now, or parks {@code m} until it is handed over. */
  void lock(Machine m) {
    Object me = ownerOf(m);
    if (OWNER.compareAndSet(this, null, me)) {
      m.setValue(Nothing.NOTHING);
      return;
    }
    if (owner == me) {
      throw Errors.error(
          "mutex-lock!: the mutex is already held by the caller (mutexes are not reentrant)");
    }
    m.park(new LockOp(this, me));
  }

  /**
   * The fast path of {@code (mutex-lock! m)}: takes a free lock and returns {@code nothing}, or
   * returns {@link MachinePrimitive#SLOW} having changed nothing (then {@link #lock} runs).
   */
  Object tryLock(Machine m) {
    return OWNER.compareAndSet(this, null, ownerOf(m)) ? Nothing.NOTHING : MachinePrimitive.SLOW;
  }

  /** {@code (mutex-unlock! m)}. */
  void unlock(Machine m) {
    Object me = ownerOf(m);
    if (owner != me) {
      throw Errors.error("mutex-unlock!: the mutex is not held by the caller");
    }
    if (waiters == 0) {
      owner = null;
      if (waiters == 0) {
        return;
      }
      LockOp granted;
      synchronized (this) {
        granted = grantIfFree();
      }
      if (granted != null) {
        granted.waker.wake(Nothing.NOTHING);
      }
      return;
    }
    LockOp next;
    synchronized (this) {
      next = queue.poll();
      if (next == null) {
        owner = null;
      } else {
        waiters = queue.size();
        owner = next.me; // direct handoff: never free in between
      }
    }
    if (next != null) {
      next.waker.wake(Nothing.NOTHING);
    }
  }

  /**
   * Under the monitor: if the lock is free, give it to the oldest waiter and return that waiter.
   */
  private LockOp grantIfFree() {
    LockOp head = queue.peek();
    if (head != null && OWNER.compareAndSet(this, null, head.me)) {
      queue.poll();
      waiters = queue.size();
      return head;
    }
    return null;
  }

  /** How many lock operations wait (for tests and diagnostics). */
  int queueLength() {
    return waiters;
  }

  /** Is the lock held (by anyone)? */
  boolean isHeld() {
    return owner != null;
  }

  @Override
  public String printForm() {
    return "#<mutex>";
  }

  /** A contended {@code mutex-lock!}: waits in the mutex's FIFO queue until handed the lock. */
  static final class LockOp implements ParkOp {
    private final LispMutex mutex;
    final Object me;
    Waker waker; // written before the op is queued, under the monitor

    LockOp(LispMutex mutex, Object me) {
      this.mutex = mutex;
      this.me = me;
    }

    @Override
    public void start(Waker w) {
      LockOp granted;
      synchronized (mutex) {
        waker = w;
        mutex.queue.add(this);
        mutex.waiters = mutex.queue.size();
        granted = mutex.grantIfFree();
      }
      if (granted != null) {
        granted.waker.wake(Nothing.NOTHING);
      }
    }

    /** Withdraws the waiter if it was not handed the lock yet. */
    @Override
    public boolean cancel() {
      LockOp granted;
      synchronized (mutex) {
        if (!mutex.queue.remove(this)) {
          return false;
        }
        mutex.waiters = mutex.queue.size();
        granted = mutex.grantIfFree();
      }
      if (granted != null) {
        granted.waker.wake(Nothing.NOTHING);
      }
      return true;
    }

    @Override
    public String describe() {
      return "mutex-lock! #<mutex>";
    }
  }
}
