package org.omnilisp.threads;

import java.util.ArrayList;
import java.util.List;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Printable;
import org.omnilisp.machine.ParkOp;
import org.omnilisp.machine.Waker;

/** The value of {@code (thread thunk)}: an OS thread running a machine of its own. */
final class LispThread implements Printable {
  final long id;
  private Thread javaThread;

  // Guarded by this.
  private boolean done;
  private boolean failed;
  private Object outcome;
  private final List<Waker> joiners = new ArrayList<>(2);

  /** Set once the thread is done; lets join skip the lock. */
  private volatile boolean finished;

  /** Set by the first thread-join: the thread's error then goes to the joiner, not to stderr. */
  private volatile boolean joined;

  LispThread(long id) {
    this.id = id;
  }

  void setJavaThread(Thread t) {
    javaThread = t;
  }

  Thread javaThread() {
    return javaThread;
  }

  /**
   * Records the thread's outcome and wakes its joiners. Returns true when nobody was waiting (the
   * caller then reports an error).
   */
  boolean finish(Object value, boolean isError) {
    List<Waker> toWake;
    synchronized (this) {
      done = true;
      failed = isError;
      outcome = value;
      toWake = new ArrayList<>(joiners);
      joiners.clear();
      finished = true;
    }
    for (Waker w : toWake) {
      deliver(w);
    }
    return toWake.isEmpty();
  }

  void markJoined() {
    joined = true;
  }

  boolean wasJoined() {
    return joined;
  }

  boolean isFinished() {
    return finished;
  }

  /** The result of a finished thread, or its error thrown as a LispThrow. */
  Object resultOrThrow() {
    Object v;
    boolean f;
    synchronized (this) {
      v = outcome;
      f = failed;
    }
    if (f) {
      throw new LispThrow(v);
    }
    return v;
  }

  private void deliver(Waker w) {
    Object v;
    boolean f;
    synchronized (this) {
      v = outcome;
      f = failed;
    }
    if (f) {
      w.fail(v);
    } else {
      w.wake(v);
    }
  }

  @Override
  public String printForm() {
    return "#<thread " + id + ">";
  }

  /** {@code thread-join} waiting for the thread to end. */
  final class JoinOp implements ParkOp {
    private Waker waker;

    @Override
    public void start(Waker w) {
      synchronized (LispThread.this) {
        if (!done) {
          waker = w;
          joiners.add(w);
          return;
        }
      }
      deliver(w);
    }

    @Override
    public boolean cancel() {
      synchronized (LispThread.this) {
        return waker != null && joiners.remove(waker);
      }
    }

    @Override
    public String describe() {
      return "thread-join " + printForm();
    }
  }
}
