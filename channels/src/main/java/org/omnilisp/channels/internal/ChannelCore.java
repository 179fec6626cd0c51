package org.omnilisp.channels.internal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Consumer;
import org.omnilisp.channels.api.ChannelProtocol;
import org.omnilisp.channels.api.Waiter;

/**
 * The state machine of one channel, shared by its actor and by the fast paths of its handle. Every
 * entry point takes the core's lock ({@code synchronized (this)}), changes the state, and collects
 * the completions of parked parties; it runs them (the {@link Waiter} callbacks) after releasing
 * the lock, in the order the state made them, on the calling thread. No callback ever runs under
 * the lock, so a callback may use any channel, this one included.
 *
 * <p>State: a FIFO buffer of at most {@code capacity} values, and FIFO queues of parked senders and
 * receivers. A parking operation is appended to its queue (by the actor for a {@code Send} or
 * {@code Recv} message, or by the parking party itself once the actor exists: see {@code
 * channels/README.md}), then {@link #pumpLocked()} makes all the progress it can, in an order that
 * keeps values FIFO:
 *
 * <ol>
 *   <li>buffered values go to parked receivers (oldest value first);
 *   <li>parked senders refill the buffer (only while open);
 *   <li>on a rendezvous channel, a parked sender meets a parked receiver (a pair claim, see {@link
 *       Waiter}); the same select never meets itself;
 *   <li>once closed: parked senders fail, and when the buffer is drained parked receivers get
 *       closed.
 * </ol>
 *
 * <p>The non-parking operations ({@link #offer}, {@link #take}, {@link #trySend}, {@link #tryRecv})
 * complete at once or not at all; they take a parked partner directly (claiming its waiter) and
 * pump, so the invariants below hold after every entry point.
 *
 * <p>A sender whose value is {@link ChannelProtocol#DEMAND} only waits for demand: where a value
 * would be buffered or handed to a receiver, it completes ({@code onSent}) taking nothing, and the
 * receiver stays parked; {@code take} and {@code tryRecv} pass over it.
 *
 * <p>Invariants after a pump that met no BUSY waiter: receivers parked implies buffer empty;
 * senders parked implies buffer full (capacity 0: no receiver of another waiter); closed implies no
 * senders, and receivers only while values are buffered. A stale entry (waiter claimed elsewhere)
 * is dropped when it reaches the head. A BUSY waiter at a head stops the pump and sets {@link
 * #blocked()}: the actor pumps again later. Nothing is ever dropped while BUSY, so no value is lost
 * and no select loses a registration.
 */
public final class ChannelCore extends ChannelState {
  private static final byte SENT = 0;
  private static final byte RECEIVED = 1;
  private static final byte CLOSED = 2;

  /** A completion decided under the lock, run after it. */
  private static final class Done {
    final Parked party;
    final byte kind;
    final Object value;

    Done(Parked party, byte kind, Object value) {
      this.party = party;
      this.kind = kind;
      this.value = value;
    }
  }

  private final int capacity;
  private final Consumer<RuntimeException> callbackFailed;
  // The buffer: a ring of `buffered` values from `head`, in an array made on first use (at most
  // 16 slots at first, grown by doubling up to capacity). Kept in the core itself rather than in an
  // ArrayDeque: one object less per channel, one cache line less per operation.
  private Object[] ring;
  private Object slot; // capacity 1: the buffer is this field (no array: a reply channel's case)
  private int head;
  private int buffered;
  // Made on first use: a channel that only ever passes a value or two allocates no queue.
  private ArrayDeque<Parked> senders;
  private ArrayDeque<Parked> receivers;
  // Closed, as this core's protocol sees it (under the lock; set by close). The handle's flag,
  // read without the lock by closed?, is the inherited ChannelState one, set right after Close is
  // enqueued: the two differ only while Close is on its way to the actor.
  private boolean shut;
  private boolean blocked;
  // The completions decided in the current lock section: the first in three fields (most sections
  // decide at most one: no allocation), the others as Done entries.
  private Parked done1;
  private byte kind1;
  private Object value1;
  private ArrayDeque<Done> doneMore;
  private volatile Runnable retry; // the actor's: pump again later (a fast path met a BUSY waiter)

  public ChannelCore(int capacity, Consumer<RuntimeException> callbackFailed) {
    this.capacity = capacity;
    this.callbackFailed = callbackFailed;
  }

  // ---- entry points: lock, change, unlock, run the completions ---------------------------------

  /**
   * Parks a send offer (the actor's {@code Send}, or a party's park through the handle): appends it
   * and pumps. Returns true if the pump stopped at a BUSY waiter (the actor must pump again).
   */
  public boolean send(Object value, Waiter waiter, int clause) {
    return park(true, new Parked(value, waiter, clause));
  }

  /** Parks a recv offer; as {@link #send}. */
  public boolean recv(Waiter waiter, int clause) {
    return park(false, new Parked(null, waiter, clause));
  }

  private boolean park(boolean sender, Parked p) {
    Parked d1;
    byte k1;
    Object v1;
    ArrayDeque<Done> more;
    boolean stuck;
    synchronized (this) {
      if (!p.waiter().isClaimed()) {
        (sender ? senders() : receivers()).add(p);
        pumpLocked();
      }
      d1 = done1;
      k1 = kind1;
      v1 = value1;
      more = takeDone();
      stuck = blocked;
    }
    complete(d1, k1, v1, more);
    return stuck;
  }

  /**
   * Sends now if a receiver or buffer room takes {@code value}: {@link ChannelProtocol#SENT}; else
   * {@link ChannelProtocol#EMPTY} (it would wait) or {@link ChannelProtocol#CLOSED}.
   */
  public Object offer(Object value) {
    Object answer;
    Parked d1;
    byte k1;
    Object v1;
    ArrayDeque<Done> more;
    boolean stuck;
    synchronized (this) {
      answer = shut ? ChannelProtocol.CLOSED : offerLocked(value);
      d1 = done1;
      k1 = kind1;
      v1 = value1;
      more = takeDone();
      stuck = blocked;
    }
    complete(d1, k1, v1, more);
    if (stuck) {
      retryLater();
    }
    return answer;
  }

  /**
   * Receives now: a value, else {@link ChannelProtocol#EMPTY} (it would wait) or {@link
   * ChannelProtocol#CLOSED} (closed and drained).
   */
  public Object take() {
    Object answer;
    Parked d1;
    byte k1;
    Object v1;
    ArrayDeque<Done> more;
    boolean stuck;
    synchronized (this) {
      answer = takeLocked();
      if (answer == ChannelProtocol.EMPTY && shut) {
        answer = ChannelProtocol.CLOSED;
      }
      d1 = done1;
      k1 = kind1;
      v1 = value1;
      more = takeDone();
      stuck = blocked;
    }
    complete(d1, k1, v1, more);
    if (stuck) {
      retryLater();
    }
    return answer;
  }

  /** True if a receiver or buffer room took {@code value} now (false also when closed). */
  boolean trySend(Object value) {
    return offer(value) == ChannelProtocol.SENT;
  }

  /** A value ready now, or {@link ChannelProtocol#EMPTY} (also when closed and drained). */
  Object tryRecv() {
    Object v = take();
    return v == ChannelProtocol.CLOSED ? ChannelProtocol.EMPTY : v;
  }

  /** Drops the offers of a claimed waiter; an open waiter's offers stay (it must not lose them). */
  public void withdraw(Waiter waiter) {
    if (!waiter.isClaimed()) {
      return;
    }
    synchronized (this) {
      if (senders != null) {
        senders.removeIf(p -> p.waiter() == waiter);
      }
      if (receivers != null) {
        receivers.removeIf(p -> p.waiter() == waiter);
      }
    }
  }

  public void close() {
    Parked d1;
    byte k1;
    Object v1;
    ArrayDeque<Done> more;
    synchronized (this) {
      shut = true;
      pumpLocked();
      d1 = done1;
      k1 = kind1;
      v1 = value1;
      more = takeDone();
    }
    complete(d1, k1, v1, more);
  }

  /** Makes all the progress possible (the actor's retry after a BUSY waiter). */
  void pump() {
    Parked d1;
    byte k1;
    Object v1;
    ArrayDeque<Done> more;
    synchronized (this) {
      pumpLocked();
      d1 = done1;
      k1 = kind1;
      v1 = value1;
      more = takeDone();
    }
    complete(d1, k1, v1, more);
  }

  /** Set once by the actor: how a fast path that met a BUSY waiter has the actor pump again. */
  public void onBlocked(Runnable retry) {
    this.retry = retry;
  }

  /**
   * A fast path stopped at a BUSY waiter: that waiter is parked, so the actor exists (only it parks
   * parties) and its retry hook is set; it pumps again when the message arrives.
   */
  public void retryLater() {
    Runnable r = retry;
    if (r != null) {
      r.run();
    }
  }

  /** True if the last pump stopped at a BUSY waiter and must be retried. */
  synchronized boolean blocked() {
    return blocked;
  }

  synchronized int parkedSenders() {
    return senders == null ? 0 : senders.size();
  }

  synchronized int parkedReceivers() {
    return receivers == null ? 0 : receivers.size();
  }

  synchronized int buffered() {
    return buffered;
  }

  // ---- under the lock ---------------------------------------------------------------------------

  private Object offerLocked(Object value) {
    if (buffered < capacity) {
      enqueue(value);
      if (receivers != null && !receivers.isEmpty()) {
        pumpLocked(); // a parked receiver takes it now
      }
      return ChannelProtocol.SENT;
    }
    if (capacity == 0 && receivers != null) {
      Parked r = claimFirst(receivers);
      if (r != null) {
        done(r, RECEIVED, value);
        return ChannelProtocol.SENT;
      }
    }
    return ChannelProtocol.EMPTY;
  }

  private Object takeLocked() {
    if (buffered > 0) {
      Object value = dequeue();
      if ((senders != null && !senders.isEmpty()) || (receivers != null && !receivers.isEmpty())) {
        pumpLocked(); // a parked sender refills the room (receivers: only after a BUSY stop)
      }
      return value;
    }
    if (!shut && senders != null) {
      Parked s = claimFirstValue(senders);
      if (s != null) {
        done(s, SENT, null);
        return s.value();
      }
    }
    return ChannelProtocol.EMPTY;
  }

  private void pumpLocked() {
    blocked = false;
    boolean progress;
    do {
      progress = deliverBuffered();
      progress |= fillBuffer();
      progress |= rendezvous();
      progress |= failClosed();
    } while (progress && !blocked);
  }

  private boolean deliverBuffered() {
    boolean changed = false;
    while (buffered > 0 && receivers != null && !receivers.isEmpty()) {
      Parked r = claimHead(receivers);
      if (r == null) {
        return changed;
      }
      changed = true;
      if (r != STALE) {
        done(r, RECEIVED, dequeue());
      }
    }
    return changed;
  }

  private boolean fillBuffer() {
    boolean changed = false;
    while (!shut && buffered < capacity && senders != null && !senders.isEmpty()) {
      Parked s = claimHead(senders);
      if (s == null) {
        return changed;
      }
      changed = true;
      if (s != STALE) {
        if (s.value() != ChannelProtocol.DEMAND) {
          enqueue(s.value());
        } // demand: room is there, the sender decides elsewhere
        done(s, SENT, null);
      }
    }
    return changed;
  }

  /** One rendezvous step: match, or drop a stale entry. */
  private boolean rendezvous() {
    if (shut
        || capacity > 0
        || senders == null
        || receivers == null
        || senders.isEmpty()
        || receivers.isEmpty()) {
      return false;
    }
    for (Iterator<Parked> si = senders.iterator(); si.hasNext(); ) {
      Parked s = si.next();
      if (s.waiter().isClaimed()) {
        si.remove();
        return true;
      }
      if (s.value() == ChannelProtocol.DEMAND) {
        Boolean signaled = signalDemand(s);
        if (signaled == null) {
          return false;
        }
        if (signaled) {
          si.remove();
          return true;
        }
        continue; // no receiver for it: the next sender may still meet one
      }
      for (Iterator<Parked> ri = receivers.iterator(); ri.hasNext(); ) {
        Parked r = ri.next();
        if (r.waiter().isClaimed()) {
          ri.remove();
          return true;
        }
        if (r.waiter() == s.waiter()) {
          continue; // a select never meets itself
        }
        switch (Pair.claim(s.waiter(), r.waiter())) {
          case BOTH:
            si.remove();
            ri.remove();
            done(s, SENT, null);
            done(r, RECEIVED, s.value());
            return true;
          case FIRST_LOST:
            si.remove();
            return true;
          case SECOND_LOST:
            ri.remove();
            return true;
          default:
            blocked = true;
            return false;
        }
      }
    }
    return false;
  }

  /**
   * A demand entry meets a parked receiver (of another waiter): it completes with {@code onSent},
   * and the receiver stays. Returns true if the entry is done (signaled, or stale), false if no
   * receiver is there, null if its waiter is BUSY (blocked is set).
   */
  private Boolean signalDemand(Parked s) {
    for (Iterator<Parked> ri = receivers.iterator(); ri.hasNext(); ) {
      Parked r = ri.next();
      if (r.waiter().isClaimed()) {
        ri.remove();
        continue;
      }
      if (r.waiter() == s.waiter()) {
        continue;
      }
      switch (s.waiter().tryClaim()) {
        case WON:
          done(s, SENT, null);
          return true;
        case LOST:
          return true;
        default:
          blocked = true;
          return null;
      }
    }
    return false;
  }

  private boolean failClosed() {
    if (!shut) {
      return false;
    }
    boolean changed = false;
    changed |= failAll(senders);
    if (buffered == 0) {
      changed |= failAll(receivers);
    }
    return changed;
  }

  private boolean failAll(ArrayDeque<Parked> queue) {
    boolean changed = false;
    while (queue != null && !queue.isEmpty()) {
      Parked p = claimHead(queue);
      if (p == null) {
        return changed;
      }
      changed = true;
      if (p != STALE) {
        done(p, CLOSED, null);
      }
    }
    return changed;
  }

  private static final Parked STALE = new Parked(null, null, -1);

  /**
   * Claims the head of {@code queue} and removes it: returns it if won, {@link #STALE} if its
   * waiter was claimed elsewhere, null (and sets blocked, keeping it) if BUSY.
   */
  private Parked claimHead(ArrayDeque<Parked> queue) {
    Parked head = queue.peek();
    switch (head.waiter().tryClaim()) {
      case WON:
        queue.poll();
        return head;
      case LOST:
        queue.poll();
        return STALE;
      default:
        blocked = true;
        return null;
    }
  }

  /** Claims the first claimable entry, dropping stale ones and skipping (keeping) BUSY ones. */
  private static Parked claimFirst(ArrayDeque<Parked> queue) {
    return claimFirst(queue, false);
  }

  /** As {@link #claimFirst}, for a value: demand entries are no values to take. */
  private static Parked claimFirstValue(ArrayDeque<Parked> queue) {
    return claimFirst(queue, true);
  }

  private static Parked claimFirst(ArrayDeque<Parked> queue, boolean valuesOnly) {
    // The usual case without an iterator: the head is claimable (or stale, dropped).
    for (Parked p; (p = queue.peek()) != null; ) {
      if (valuesOnly && p.value() == ChannelProtocol.DEMAND) {
        break;
      }
      Waiter.Claim c = p.waiter().tryClaim();
      if (c == Waiter.Claim.BUSY) {
        break;
      }
      queue.poll();
      if (c == Waiter.Claim.WON) {
        return p;
      }
    }
    if (queue.size() < 2) {
      return null;
    }
    for (Iterator<Parked> it = queue.iterator(); it.hasNext(); ) {
      Parked p = it.next();
      if (valuesOnly && p.value() == ChannelProtocol.DEMAND) {
        continue;
      }
      switch (p.waiter().tryClaim()) {
        case WON:
          it.remove();
          return p;
        case LOST:
          it.remove();
          break;
        default:
          break;
      }
    }
    return null;
  }

  /** Appends to the ring (the caller checked that buffered < capacity). */
  private void enqueue(Object value) {
    if (capacity == 1) {
      slot = value;
      buffered = 1;
      return;
    }
    Object[] r = ring;
    if (r == null) {
      r = ring = new Object[Math.min(capacity, 16)];
    } else if (buffered == r.length) {
      Object[] grown = new Object[(int) Math.min(capacity, 2L * r.length)];
      for (int i = 0; i < buffered; i++) {
        grown[i] = r[(head + i) % r.length];
      }
      head = 0;
      r = ring = grown;
    }
    int tail = head + buffered;
    r[tail < r.length ? tail : tail - r.length] = value;
    buffered++;
  }

  /** Removes the oldest buffered value (the caller checked that buffered > 0). */
  private Object dequeue() {
    if (capacity == 1) {
      Object value = slot;
      slot = null;
      buffered = 0;
      return value;
    }
    Object[] r = ring;
    Object value = r[head];
    r[head] = null;
    head = head + 1 == r.length ? 0 : head + 1;
    buffered--;
    return value;
  }

  private ArrayDeque<Parked> senders() {
    if (senders == null) {
      senders = new ArrayDeque<>(4);
    }
    return senders;
  }

  private ArrayDeque<Parked> receivers() {
    if (receivers == null) {
      receivers = new ArrayDeque<>(4);
    }
    return receivers;
  }

  // ---- completions ------------------------------------------------------------------------------

  private void done(Parked p, byte kind, Object value) {
    if (done1 == null) {
      done1 = p;
      kind1 = kind;
      value1 = value;
    } else {
      if (doneMore == null) {
        doneMore = new ArrayDeque<>(4);
      }
      doneMore.add(new Done(p, kind, value));
    }
  }

  /** Clears the section's completions (the caller has copied the first); returns the others. */
  private ArrayDeque<Done> takeDone() {
    ArrayDeque<Done> more = doneMore;
    done1 = null;
    value1 = null;
    doneMore = null;
    return more;
  }

  /** Runs the completions of one entry point, in order, outside the lock. */
  private void complete(Parked first, byte kind, Object value, ArrayDeque<Done> more) {
    if (first == null) {
      return;
    }
    run(first, kind, value);
    if (more != null) {
      for (Done d : more) {
        run(d.party, d.kind, d.value);
      }
    }
  }

  private void run(Parked p, byte kind, Object value) {
    try {
      switch (kind) {
        case SENT -> p.waiter().onSent(p.clause());
        case RECEIVED -> p.waiter().onReceived(p.clause(), value);
        default -> p.waiter().onClosed(p.clause());
      }
    } catch (RuntimeException e) {
      callbackFailed.accept(e);
    }
  }
}
