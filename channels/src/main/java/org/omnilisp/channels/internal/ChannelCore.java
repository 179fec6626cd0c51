package org.omnilisp.channels.internal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Consumer;
import org.omnilisp.channels.api.ChannelProtocol;
import org.omnilisp.channels.api.Waiter;

/**
 * The state machine of one channel, single-threaded (the actor's mailbox serialises every call).
 *
 * <p>State: a FIFO buffer of at most {@code capacity} values, and FIFO queues of parked senders and
 * receivers. Every parking operation is appended to its queue, then {@link #pump()} makes all the
 * progress it can, in an order that keeps values FIFO:
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
 * <p>A sender whose value is {@link ChannelProtocol#DEMAND} only waits for demand: where a value
 * would be buffered or handed to a receiver, it completes ({@code onSent}) taking nothing, and the
 * receiver stays parked; {@code tryRecv} passes over it.
 *
 * <p>Invariants after a pump that met no BUSY waiter: receivers parked implies buffer empty;
 * senders parked implies buffer full (capacity 0: no receiver of another waiter); closed implies no
 * senders, and receivers only while values are buffered. A stale entry (waiter claimed elsewhere)
 * is dropped when it reaches the head. A BUSY waiter at a head stops the pump and sets {@link
 * #blocked()}: the actor pumps again later. Nothing is ever dropped while BUSY, so no value is lost
 * and no select loses a registration.
 */
final class ChannelCore {
  private final int capacity;
  private final ArrayDeque<Object> buffer = new ArrayDeque<>();
  private final ArrayDeque<Parked> senders = new ArrayDeque<>();
  private final ArrayDeque<Parked> receivers = new ArrayDeque<>();
  private final Consumer<RuntimeException> callbackFailed;
  private boolean closed;
  private boolean blocked;

  ChannelCore(int capacity, Consumer<RuntimeException> callbackFailed) {
    this.capacity = capacity;
    this.callbackFailed = callbackFailed;
  }

  void send(Object value, Waiter waiter, int clause) {
    if (!waiter.isClaimed()) {
      senders.add(new Parked(value, waiter, clause));
      pump();
    }
  }

  void recv(Waiter waiter, int clause) {
    if (!waiter.isClaimed()) {
      receivers.add(new Parked(null, waiter, clause));
      pump();
    }
  }

  boolean trySend(Object value) {
    if (closed) {
      return false;
    }
    if (buffer.size() < capacity) {
      buffer.add(value);
      pump();
      return true;
    }
    if (capacity == 0) {
      Parked r = claimFirst(receivers);
      if (r != null) {
        received(r, value);
        return true;
      }
    }
    return false;
  }

  Object tryRecv() {
    if (!buffer.isEmpty()) {
      Object value = buffer.poll();
      pump();
      return value;
    }
    if (!closed) {
      Parked s = claimFirstValue(senders);
      if (s != null) {
        sent(s);
        return s.value();
      }
    }
    return ChannelProtocol.EMPTY;
  }

  /** Drops the offers of a claimed waiter; an open waiter's offers stay (it must not lose them). */
  void withdraw(Waiter waiter) {
    if (!waiter.isClaimed()) {
      return;
    }
    senders.removeIf(p -> p.waiter() == waiter);
    receivers.removeIf(p -> p.waiter() == waiter);
  }

  void close() {
    closed = true;
    pump();
  }

  boolean isClosed() {
    return closed;
  }

  /** True if the last pump stopped at a BUSY waiter and must be retried. */
  boolean blocked() {
    return blocked;
  }

  int parkedSenders() {
    return senders.size();
  }

  int parkedReceivers() {
    return receivers.size();
  }

  int buffered() {
    return buffer.size();
  }

  void pump() {
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
    while (!buffer.isEmpty() && !receivers.isEmpty()) {
      Parked r = claimHead(receivers);
      if (r == null) {
        return changed;
      }
      changed = true;
      if (r != STALE) {
        received(r, buffer.poll());
      }
    }
    return changed;
  }

  private boolean fillBuffer() {
    boolean changed = false;
    while (!closed && buffer.size() < capacity && !senders.isEmpty()) {
      Parked s = claimHead(senders);
      if (s == null) {
        return changed;
      }
      changed = true;
      if (s != STALE) {
        if (s.value() != ChannelProtocol.DEMAND) {
          buffer.add(s.value()); // demand: room is there, the sender decides elsewhere
        }
        sent(s);
      }
    }
    return changed;
  }

  /** One rendezvous step: match, or drop a stale entry. */
  private boolean rendezvous() {
    if (closed || capacity > 0 || senders.isEmpty() || receivers.isEmpty()) {
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
            sent(s);
            received(r, s.value());
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
          sent(s);
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
    if (!closed) {
      return false;
    }
    boolean changed = false;
    changed |= failAll(senders);
    if (buffer.isEmpty()) {
      changed |= failAll(receivers);
    }
    return changed;
  }

  private boolean failAll(ArrayDeque<Parked> queue) {
    boolean changed = false;
    while (!queue.isEmpty()) {
      Parked p = claimHead(queue);
      if (p == null) {
        return changed;
      }
      changed = true;
      if (p != STALE) {
        closed(p);
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
    for (Iterator<Parked> it = queue.iterator(); it.hasNext(); ) {
      Parked p = it.next();
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

  /** As {@link #claimFirst}, for a value: demand entries are no values to take. */
  private static Parked claimFirstValue(ArrayDeque<Parked> queue) {
    for (Iterator<Parked> it = queue.iterator(); it.hasNext(); ) {
      Parked p = it.next();
      if (p.value() == ChannelProtocol.DEMAND) {
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

  private void sent(Parked s) {
    try {
      s.waiter().onSent(s.clause());
    } catch (RuntimeException e) {
      callbackFailed.accept(e);
    }
  }

  private void received(Parked r, Object value) {
    try {
      r.waiter().onReceived(r.clause(), value);
    } catch (RuntimeException e) {
      callbackFailed.accept(e);
    }
  }

  private void closed(Parked p) {
    try {
      p.waiter().onClosed(p.clause());
    } catch (RuntimeException e) {
      callbackFailed.accept(e);
    }
  }
}
