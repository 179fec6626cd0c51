package org.omnilisp.machine;

/**
 * Something that holds an outside resource (a file, a socket, a listener, a server) and belongs to
 * the spawned fiber that opened it. When that fiber ends after a cancel request, it releases what
 * it owns and has not closed (docs/language.md, "Ports and fibers: who closes what"). Opened
 * outside any spawned fiber (the main program, an OS thread), it belongs to nobody. Ownership never
 * moves: a fiber that only uses a port it got from another (a closure, a channel, a join) does not
 * close it, and a fiber that returns normally closes nothing, so handing a port on is safe.
 *
 * <p>Only the owner's own thread of control touches its list ({@link Fiber#own}).
 */
public abstract class Owned {
  private volatile Fiber owner;

  /** The code running on {@code m} opened this: its spawned fiber (or nobody) owns it. */
  public final void claim(Machine m) {
    Fiber f = m.root;
    if (owner != f) {
      owner = f;
      if (f != null) {
        f.own(this);
      }
    }
  }

  final boolean ownedBy(Fiber f) {
    return owner == f;
  }

  /** Still open (a closed resource is forgotten by its owner). */
  protected abstract boolean held();

  /** Closes at once, without flushing or waiting: the owner was canceled and has ended. */
  protected abstract void release();
}
