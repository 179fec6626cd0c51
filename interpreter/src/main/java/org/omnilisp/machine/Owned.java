package org.omnilisp.machine;

/**
 * Something that holds an outside resource (a file, a socket, a listener, a server) and belongs to
 * a spawned fiber: the one that opened it, or the last one it reached by itself as the value of a
 * park ({@code recv} from a channel, {@code join} of the fiber that returned it). When its owner
 * ends after a cancel request, it releases what it owns and has not closed (docs/language.md,
 * "Ports and fibers: who closes what"). Opened by or handed to code outside any spawned fiber (the
 * main program, an OS thread), it belongs to nobody. Merely using a port does not make a fiber its
 * owner, and a fiber that returns normally closes nothing.
 *
 * <p>A fiber's list ({@link Fiber#own}) is touched only by its own thread of control; a fiber that
 * takes a resource over just overwrites {@link #owner}, and the old owner skips it.
 */
public abstract class Owned {
  private volatile Fiber owner;

  /**
   * The code running on {@code m} opened or received this: its spawned fiber (or nobody) owns it.
   */
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
