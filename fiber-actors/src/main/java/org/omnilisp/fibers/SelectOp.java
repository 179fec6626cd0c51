package org.omnilisp.fibers;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.omnilisp.channels.api.ChannelProtocol;
import org.omnilisp.channels.api.Waiter;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Nothing;
import org.omnilisp.machine.Fiber;
import org.omnilisp.machine.ParkOp;
import org.omnilisp.machine.Waker;

/**
 * {@code select}: one offer per clause, all sharing one {@link Waiter}, so whichever channel wins
 * the waiter's claim completes the select and every other offer is dead (and withdrawn). A {@code
 * timeout} clause is a timer that fires only if it wins the same claim. Wakes with the {@link
 * Fired} clause.
 *
 * <p>Two phases, as in Go's select. First the channel clauses are polled one after the other in a
 * random order (in this thread through the channel's fast path; a {@code Poll} message for a remote
 * channel; either takes a value or sends only if that can be done now): the first clause ready
 * fires, so among clauses ready at once each is equally likely to fire, and none starves. Then, if
 * none was ready, the offers are registered (also in that order) and the select waits. With an
 * {@code else} clause there is no second phase: else fires. A select with at most one channel
 * clause skips the first phase (nothing to choose between).
 *
 * <p>A receive on a closed, drained channel is ready (it gives nothing); a send on a closed channel
 * raises {@code send: channel is closed}, in both phases. A cancel during the first phase cannot
 * take back a value a poll took, so it is honoured when the first phase ends without one: the
 * select then raises {@code canceled} instead of registering.
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
  private volatile Waiter waiter; // set when the offers are registered (second phase)
  private volatile boolean cancelRequested; // a cancel came during the first phase
  private volatile Runnable cancelTimer = () -> {};
  private final AtomicBoolean timerPending = new AtomicBoolean();
  private volatile int[] order; // the order of registration
  private volatile long registered; // System.nanoTime() of the first registration

  SelectOp(FiberRuntime runtime, List<Clause> clauses) {
    this.runtime = runtime;
    this.clauses = clauses;
  }

  @Override
  public void start(Waker w) {
    int[] order = shuffledOrder();
    int elseClause = indexOf(Kind.ELSE);
    if (elseClause >= 0) {
      pollInOrder(order, 0, w, () -> w.wake(new Fired(elseClause, Nothing.NOTHING)));
    } else if (channelClauses() > 1) {
      pollInOrder(order, 0, w, () -> register(order, w));
    } else {
      register(order, w);
    }
  }

  /** The second phase: every clause waits with one shared waiter. */
  private void register(int[] order, Waker w) {
    registered = System.nanoTime();
    register(order, w, 0);
  }

  /**
   * Registers every offer with a new waiter; {@code elapsedMillis}: how long the select has waited
   * already (a retry), which its timeouts have used up.
   */
  private void register(int[] order, Waker w, long elapsedMillis) {
    this.order = order;
    Waiter shared = new SelectWaiter(w);
    waiter = shared;
    if (cancelRequested && shared.cancel()) { // canceled during the first phase (see cancel)
      w.fail(new ErrorObject(Fiber.CANCELED));
      return;
    }
    for (int i : order) {
      Clause c = clauses.get(i);
      switch (c.kind()) {
        case RECV -> c.channel().handle.parkRecv(shared, i);
        case SEND -> c.channel().handle.parkSend(c.value(), shared, i);
        case TIMEOUT -> startTimer(shared, i, Math.max(0, c.millis() - elapsedMillis), w);
        case IO -> startIo(shared, i, (IoWait) c.value(), w);
        case ELSE -> throw new IllegalStateException();
      }
    }
  }

  private int channelClauses() {
    int n = 0;
    for (Clause c : clauses) {
      if (c.channel() != null) {
        n++;
      }
    }
    return n;
  }

  /**
   * The clause numbers in a random order (a Fisher-Yates shuffle), in which clauses are polled and
   * registered, so that among clauses ready at once each is equally likely to fire, as in Go and
   * core.async's {@code alts!}. Registered in a fixed order, the first ready clause won every time
   * and could starve the others; registered in a random order without polling first, which channel
   * answers first still depended on the channels' recent history.
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

  /**
   * Starts an I/O clause's wait; what it brings fires the select if it wins the shared claim, else
   * goes back to its offer (the port's buffer, the listener's queue).
   */
  private void startIo(Waiter shared, int clause, IoWait io, Waker w) {
    io.op()
        .start(
            new Waker() {
              // set by claim() on the completing thread, read by its wake or fail that follows
              private boolean claimed;

              @Override
              public boolean claim() {
                claimed = shared.cancel();
                return claimed;
              }

              @Override
              public void wake(Object value) {
                if (claimed || shared.cancel()) {
                  stopTimer();
                  withdrawAll(shared);
                  w.wake(new Fired(clause, new Arrived(value)));
                } else {
                  // an operation that delivers without claim(): its value goes back to the port
                  io.offer().lost(value);
                }
              }

              @Override
              public void fail(Object error) {
                if (claimed || shared.cancel()) {
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

  /**
   * The first phase: polls the channel clauses in {@code order} without waiting; the first that can
   * complete now fires; {@code noneReady} runs when none could.
   */
  private void pollInOrder(int[] order, int k, Waker w, Runnable noneReady) {
    for (; k < order.length; k++) {
      int i = order[k];
      Clause c = clauses.get(i);
      if (c.channel() == null) {
        continue;
      }
      org.omnilisp.channels.api.ChannelHandle h = c.channel().handle;
      if (!h.isLocal()) {
        pollRemote(order, k, w, noneReady);
        return;
      }
      Object v = c.kind() == Kind.RECV ? h.takeNow() : h.offerNow(c.value());
      if (polled(i, c, v, w)) {
        return;
      }
    }
    noneReady.run();
  }

  /** A clause of a remote channel polls by message; the rest of the first phase goes on after. */
  private void pollRemote(int[] order, int k, Waker w, Runnable noneReady) {
    int i = order[k];
    Clause c = clauses.get(i);
    org.omnilisp.channels.api.ReplyTo<Object> next =
        v -> {
          if (!polled(i, c, v, w)) {
            pollInOrder(order, k + 1, w, noneReady);
          }
        };
    if (c.kind() == Kind.RECV) {
      c.channel().handle.pollRecv(next);
    } else {
      c.channel().handle.pollSend(c.value(), next);
    }
  }

  /** The answer {@code v} of a poll of clause {@code i}: true if it settled the select. */
  private static boolean polled(int i, Clause c, Object v, Waker w) {
    if (v instanceof ChannelProtocol.Failed f) {
      w.fail(f.error());
    } else if (v == ChannelProtocol.EMPTY) {
      return false;
    } else if (c.kind() == Kind.SEND) {
      if (v == ChannelProtocol.CLOSED) {
        w.fail(ChannelOps.closedError());
      } else {
        w.wake(new Fired(i, Nothing.NOTHING));
      }
    } else {
      w.wake(new Fired(i, v == ChannelProtocol.CLOSED ? Nothing.NOTHING : v));
    }
    return true;
  }

  /**
   * In the second phase: claims the waiter and withdraws the offers. In the first phase it cannot
   * (a poll may be taking a value): it leaves a note that {@link #register} honours.
   */
  @Override
  public boolean cancel() {
    cancelRequested = true;
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
    public void onFailed(int clause, Object error) {
      stopTimer();
      withdrawAll(this);
      w.fail(error);
    }

    /** A remote send (see Waiter#onRetry) can make the select register again: not with I/O. */
    @Override
    public boolean canRetry() {
      return indexOf(Kind.IO) < 0;
    }

    /** The clause that claimed this waiter fired nothing: register again, the time used up. */
    @Override
    public void onRetry(int clause) {
      stopTimer();
      withdrawAll(this);
      register(order, w, (System.nanoTime() - registered) / 1_000_000);
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
