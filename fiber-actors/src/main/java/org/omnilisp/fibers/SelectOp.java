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
 * nothing is registered: the clauses are polled without waiting, and else fires when none is ready.
 * Offers are registered, and clauses polled, in a random order (fairness, see shuffledOrder). Wakes
 * with the {@link Fired} clause.
 */
final class SelectOp implements ParkOp {
  /** One clause: a recv or send on a channel, a timeout, or else. */
  record Clause(Kind kind, LispChannel channel, Object value, long millis) {}

  enum Kind {
    RECV,
    SEND,
    TIMEOUT,
    ELSE
  }

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
    int[] order = shuffledOrder();
    int elseClause = indexOf(Kind.ELSE);
    if (elseClause >= 0) {
      tryInOrder(order, 0, elseClause, w);
      return;
    }
    Waiter shared = new SelectWaiter(w);
    waiter = shared;
    for (int i : order) {
      Clause c = clauses.get(i);
      switch (c.kind()) {
        case RECV -> c.channel().handle.recv(shared, i);
        case SEND -> c.channel().handle.send(c.value(), shared, i);
        case TIMEOUT -> startTimer(shared, i, c.millis(), w);
        case ELSE -> throw new IllegalStateException();
      }
    }
  }

  /**
   * The clause numbers in a random order (a Fisher-Yates shuffle): offers are registered, and the
   * else form tries clauses, in this order, so that among clauses ready at once each is equally
   * likely to fire, as in Go and core.async's {@code alts!}. Registered in a fixed order, the first
   * ready clause won every time and could starve the others.
   */
  private int[] shuffledOrder() {
    int n = clauses.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.concurrent.ThreadLocalRandom random =
        java.util.concurrent.ThreadLocalRandom.current();
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
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
      }
    }
  }

  /**
   * The else form: polls each clause in {@code order} without waiting; the first that can complete
   * now fires. A receive on a closed, drained channel is ready (it gives nothing) and a send on a
   * closed channel raises, as they would without else; else fires when no clause is ready.
   */
  private void tryInOrder(int[] order, int k, int elseClause, Waker w) {
    if (k == order.length) {
      w.wake(new Fired(elseClause, Nothing.NOTHING));
      return;
    }
    int i = order[k];
    Clause c = clauses.get(i);
    switch (c.kind()) {
      case RECV ->
          c.channel()
              .handle
              .pollRecv(
                  v -> {
                    if (v == ChannelProtocol.EMPTY) {
                      tryInOrder(order, k + 1, elseClause, w);
                    } else {
                      w.wake(new Fired(i, v == ChannelProtocol.CLOSED ? Nothing.NOTHING : v));
                    }
                  });
      case SEND ->
          c.channel()
              .handle
              .pollSend(
                  c.value(),
                  v -> {
                    if (v == ChannelProtocol.SENT) {
                      w.wake(new Fired(i, Nothing.NOTHING));
                    } else if (v == ChannelProtocol.CLOSED) {
                      w.fail(ChannelOps.closedError());
                    } else {
                      tryInOrder(order, k + 1, elseClause, w);
                    }
                  });
      default -> tryInOrder(order, k + 1, elseClause, w);
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
