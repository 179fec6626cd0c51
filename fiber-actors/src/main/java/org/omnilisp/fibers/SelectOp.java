package org.omnilisp.fibers;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.omnilisp.channels.api.ChannelProtocol;
import org.omnilisp.channels.api.Waiter;
import org.omnilisp.lang.Nothing;
import org.omnilisp.machine.ParkOp;
import org.omnilisp.machine.Waker;

/**
 * {@code select}: one offer per clause, all sharing one {@link Waiter}, so whichever channel wins
 * the waiter's claim completes the select and every other offer is dead (and withdrawn). A {@code
 * timeout} clause is a timer that fires only if it wins the same claim. With an {@code else} clause
 * nothing is registered: the clauses are tried in order without waiting, and else fires when none
 * is ready. Wakes with the {@link Fired} clause.
 */
final class SelectOp implements ParkOp {
  /** One clause: a recv or send on a channel, a timeout, or else. */
  record Clause(Kind kind, LispChannel channel, Object value, long millis) {}

  enum Kind {
    RECV,
    SEND,
    TIMEOUT,
    ELSE,
    /** An I/O clause (read-line, accept): {@code value} is its {@link IoWait}. */
    IO
  }

  /** An I/O clause's offer and the wait started for it. */
  record IoWait(org.omnilisp.ports.IoOffer offer, ParkOp op) {}

  /** What an I/O clause's wait brought (resolved into the clause's value on the fiber). */
  record Arrived(Object value) {}

  /** The clause that fired and the value it produced (the received value, or nothing). */
  record Fired(int clause, Object value) {}

  private final FiberRuntime runtime;
  private final List<Clause> clauses;
  private volatile Waiter waiter;
  private volatile Runnable cancelTimer = () -> {};
  private final AtomicBoolean timerPending = new AtomicBoolean();

  SelectOp(FiberRuntime runtime, List<Clause> clauses) {
    this.runtime = runtime;
    this.clauses = clauses;
  }

  @Override
  public void start(Waker w) {
    int elseClause = indexOf(Kind.ELSE);
    if (elseClause >= 0) {
      tryInOrder(0, elseClause, w);
      return;
    }
    Waiter shared = new SelectWaiter(w);
    waiter = shared;
    for (int i = 0; i < clauses.size(); i++) {
      Clause c = clauses.get(i);
      switch (c.kind()) {
        case RECV -> c.channel().handle.recv(shared, i);
        case SEND -> c.channel().handle.send(c.value(), shared, i);
        case TIMEOUT -> startTimer(shared, i, c.millis(), w);
        case IO -> startIo(shared, i, (IoWait) c.value(), w);
        case ELSE -> throw new IllegalStateException();
      }
    }
  }

  private int indexOf(Kind kind) {
    for (int i = 0; i < clauses.size(); i++) {
      if (clauses.get(i).kind() == kind) {
        return i;
      }
    }
    return -1;
  }

  private void startTimer(Waiter shared, int clause, long millis, Waker w) {
    timerPending.set(true);
    runtime.counters.timers.incrementAndGet();
    cancelTimer =
        runtime.schedule(
            millis,
            () -> {
              stopTimer();
              if (shared.cancel()) {
                withdrawAll(shared);
                w.wake(new Fired(clause, Nothing.NOTHING));
              }
            });
    if (shared.isClaimed()) {
      stopTimer(); // a channel clause fired while the timer was being set up
    }
  }

  /**
   * Starts an I/O clause's wait; what it brings fires the select if it wins the shared claim, else
   * goes back to its offer (the port's buffer, the listener's queue).
   */
  private void startIo(Waiter shared, int clause, IoWait io, Waker w) {
    io.op()
        .start(
            new Waker() {
              @Override
              public void wake(Object value) {
                if (shared.cancel()) {
                  stopTimer();
                  withdrawAll(shared);
                  w.wake(new Fired(clause, new Arrived(value)));
                } else {
                  io.offer().lost(value);
                }
              }

              @Override
              public void fail(Object error) {
                if (shared.cancel()) {
                  stopTimer();
                  withdrawAll(shared);
                  w.fail(error);
                }
              }
            });
  }

  private void stopTimer() {
    if (timerPending.compareAndSet(true, false)) {
      runtime.counters.timers.decrementAndGet();
      cancelTimer.run();
    }
  }

  private void withdrawAll(Waiter shared) {
    for (Clause c : clauses) {
      if (c.channel() != null) {
        c.channel().handle.withdraw(shared);
      } else if (c.kind() == Kind.IO) {
        ((IoWait) c.value()).op().cancel(); // false: what comes goes back through lost()
      }
    }
  }

  /** The else form: try-send / try-recv each clause in turn, else fires if none succeeds. */
  private void tryInOrder(int i, int elseClause, Waker w) {
    if (i == clauses.size()) {
      w.wake(new Fired(elseClause, Nothing.NOTHING));
      return;
    }
    Clause c = clauses.get(i);
    switch (c.kind()) {
      case RECV ->
          c.channel()
              .handle
              .tryRecv(
                  v -> {
                    if (v == ChannelProtocol.EMPTY) {
                      tryInOrder(i + 1, elseClause, w);
                    } else {
                      w.wake(new Fired(i, v));
                    }
                  });
      case SEND ->
          c.channel()
              .handle
              .trySend(
                  c.value(),
                  ok -> {
                    if (ok) {
                      w.wake(new Fired(i, Nothing.NOTHING));
                    } else {
                      tryInOrder(i + 1, elseClause, w);
                    }
                  });
      default -> tryInOrder(i + 1, elseClause, w);
    }
  }

  @Override
  public boolean cancel() {
    Waiter shared = waiter;
    if (shared == null || !shared.cancel()) {
      return false;
    }
    stopTimer();
    withdrawAll(shared);
    return true;
  }

  @Override
  public String describe() {
    StringBuilder out = new StringBuilder("select on");
    for (Clause c : clauses) {
      out.append(' ').append(c.kind().name().toLowerCase(java.util.Locale.ROOT));
      if (c.channel() != null) {
        out.append(' ').append(c.channel().printForm());
      }
    }
    return out.toString();
  }

  /** Completes the select for the clause whose channel won the claim. */
  private final class SelectWaiter extends Waiter {
    private final Waker w;

    SelectWaiter(Waker w) {
      this.w = w;
    }

    private void fired(int clause, Object value) {
      stopTimer();
      withdrawAll(this);
      w.wake(new Fired(clause, value));
    }

    @Override
    public void onSent(int clause) {
      fired(clause, Nothing.NOTHING);
    }

    @Override
    public void onReceived(int clause, Object value) {
      fired(clause, value);
    }

    @Override
    public void onClosed(int clause) {
      if (clauses.get(clause).kind() == Kind.SEND) {
        stopTimer();
        withdrawAll(this);
        w.fail(ChannelOps.closedError());
      } else {
        fired(clause, Nothing.NOTHING);
      }
    }
  }
}
