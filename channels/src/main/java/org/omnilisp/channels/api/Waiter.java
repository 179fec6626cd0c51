package org.omnilisp.channels.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one-shot completion of a parked party: one {@code send}, one {@code recv}, or every offer of
 * one {@code select} (each offer names its clause number). Exactly one offer of a waiter fires.
 *
 * <h2>The claim protocol</h2>
 *
 * <p>A waiter's state moves {@code OPEN -> CLAIMED} (final), or {@code OPEN -> BUSY} and then
 * {@code BUSY -> CLAIMED} or back {@code BUSY -> OPEN}:
 *
 * <ul>
 *   <li>A channel completing one party alone claims it {@code OPEN -> CLAIMED} with {@link
 *       #tryClaim()}.
 *   <li>A channel matching two parties (a parked sender with a parked receiver, both perhaps
 *       selects registered on other channels too) must win both or neither. It locks the one with
 *       the smaller {@link #order()} {@code OPEN -> BUSY} with {@link #tryLock()}, claims the other
 *       {@code OPEN -> CLAIMED}, then {@link #commit()}s the first; if the second was lost or busy
 *       it {@link #release()}s the first. Locks are taken in one global order, so among channels
 *       that race the one holding the highest lock always completes: no livelock.
 *   <li>BUSY is held only inside one lock section of one channel's core (see {@code
 *       channels/README.md}), never across it, so it always clears within a few instructions. A
 *       channel that meets a BUSY waiter keeps the entry and retries later (a self-message); it
 *       never drops it.
 *   <li>{@link #cancel()} claims the waiter for its owner (a timeout, a canceled fiber, a select
 *       resolved by its caller). While a channel holds the waiter BUSY, {@code cancel} spins for
 *       those few instructions, so its answer is always final.
 * </ul>
 *
 * <p>Once claimed, the winner (and only the winner) completes the waiter: a channel actor calls
 * exactly one of {@link #onSent}, {@link #onReceived}, {@link #onClosed}, once. Entries of a
 * claimed waiter left in other channels are skipped lazily or removed by {@code Withdraw}.
 *
 * <p>Callbacks run on the thread whose operation completed the waiter: the channel actor's, or that
 * of a party whose fast path or park met this one (possibly inside the call that parked it), and
 * never while a channel's lock is held. They must be cheap and must never block (tell an actor,
 * complete a future, unpark a fiber). An exception thrown by a callback is logged by the channel
 * and otherwise ignored.
 */
public abstract class Waiter {
  /** Result of a single claim. */
  public enum Claim {
    /** The caller claimed the waiter and must complete it. */
    WON,
    /** The waiter was already claimed by someone else: its entry is stale. */
    LOST,
    /** Another channel holds it tentatively: keep the entry and try again later. */
    BUSY
  }

  private static final int OPEN = 0;
  private static final int LOCKED = 1;
  private static final int CLAIMED = 2;
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final VarHandle STATE;
  private static final VarHandle ORDER;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Waiter.class, "state", int.class);
      ORDER = MethodHandles.lookup().findVarHandle(Waiter.class, "order", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // accessed through STATE
  private volatile int state;

  // 0 until a pair claim first needs it (see order()): most waiters are completed alone (a fast
  // path, a buffer) and never need one, and a global counter bumped at every park is one more
  // cache line that every pool thread writes.
  @SuppressWarnings("unused") // accessed through ORDER
  private volatile long order;

  /** An open waiter; its place in the global lock order is given when first asked for. */
  protected Waiter() {}

  /**
   * The send of clause {@code clause} completed: the value was handed over or buffered.
   *
   * @param clause the clause number of the offer
   */
  public abstract void onSent(int clause);

  /**
   * The recv of clause {@code clause} completed with {@code value} (never null).
   *
   * @param clause the clause number of the offer
   * @param value the value received
   */
  public abstract void onReceived(int clause, Object value);

  /**
   * Clause {@code clause} met a closed channel: for a recv, closed and drained; for a send, the
   * send failed because the channel is closed.
   *
   * @param clause the clause number of the offer
   */
  public abstract void onClosed(int clause);

  /**
   * The offer of {@code clause} failed with {@code error} (a Lisp error object, e.g. the channel's
   * node went down); completes the claimed waiter with that error. By default treated as closed.
   *
   * @param clause the clause number of the offer
   * @param error the Lisp error object
   */
  public void onFailed(int clause, Object error) {
    onClosed(clause);
  }

  /**
   * SPI for channels whose offers complete in two steps (a remote channel's send in a select):
   * whether this waiter's owner can take {@link #onRetry}. False by default.
   *
   * @return true if {@link #onRetry} is supported
   */
  public boolean canRetry() {
    return false;
  }

  /**
   * The claim of {@code clause} fired nothing after all (a remote send whose receiver went away
   * before the value arrived): the owner registers its offers again with a new waiter, as if none
   * had been ready. Only called when {@link #canRetry()}.
   *
   * @param clause the clause number of the offer
   */
  public void onRetry(int clause) {
    throw new UnsupportedOperationException("this waiter cannot retry");
  }

  /**
   * Claims this waiter for its owner. Returns true if it won: no channel will complete it, and the
   * owner decides what happens (timeout fired, fiber canceled). Returns false if a channel already
   * won (its callback has run or is about to run). Spins while a channel holds it BUSY.
   *
   * @return true if the owner won the claim
   */
  public final boolean cancel() {
    while (true) {
      switch (tryClaim()) {
        case WON:
          return true;
        case LOST:
          return false;
        default:
          Thread.onSpinWait();
      }
    }
  }

  /**
   * True once claimed, by a channel or by {@link #cancel()}.
   *
   * @return whether the waiter is claimed
   */
  public final boolean isClaimed() {
    return (int) STATE.getVolatile(this) == CLAIMED;
  }

  /**
   * A unique, global lock order (SPI for channel implementations): given on the first call (by
   * whichever thread asks first; every caller sees the same number from then on).
   *
   * @return this waiter's place in the lock order
   */
  public final long order() {
    long o = (long) ORDER.getVolatile(this);
    if (o != 0) {
      return o;
    }
    long mine = SEQUENCE.incrementAndGet(); // from 1: 0 means not yet given
    return ORDER.compareAndSet(this, 0L, mine) ? mine : (long) ORDER.getVolatile(this);
  }

  /**
   * SPI: claim {@code OPEN -> CLAIMED}.
   *
   * @return {@link Claim#WON}, {@link Claim#LOST} (claimed already) or {@link Claim#BUSY}
   */
  public final Claim tryClaim() {
    while (true) {
      int s = (int) STATE.getVolatile(this);
      if (s == CLAIMED) {
        return Claim.LOST;
      }
      if (s == LOCKED) {
        return Claim.BUSY;
      }
      if (STATE.compareAndSet(this, OPEN, CLAIMED)) {
        return Claim.WON;
      }
    }
  }

  /**
   * SPI: lock {@code OPEN -> BUSY}; {@link Claim#WON} means the caller now holds the lock.
   *
   * @return {@link Claim#WON}, {@link Claim#LOST} (claimed already) or {@link Claim#BUSY}
   */
  public final Claim tryLock() {
    while (true) {
      int s = (int) STATE.getVolatile(this);
      if (s == CLAIMED) {
        return Claim.LOST;
      }
      if (s == LOCKED) {
        return Claim.BUSY;
      }
      if (STATE.compareAndSet(this, OPEN, LOCKED)) {
        return Claim.WON;
      }
    }
  }

  /** SPI: {@code BUSY -> CLAIMED}, by the holder of the lock. */
  public final void commit() {
    STATE.setVolatile(this, CLAIMED);
  }

  /** SPI: {@code BUSY -> OPEN}, by the holder of the lock. */
  public final void release() {
    STATE.setVolatile(this, OPEN);
  }
}
