package org.omnilisp.channels;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.omnilisp.channels.StressLedger.Val;
import org.omnilisp.channels.api.ChannelHandle;
import org.omnilisp.channels.api.ChannelProtocol;
import org.omnilisp.channels.api.Waiter;

/**
 * The parties of the stress test. Each runs one operation at a time: its next step starts from the
 * completion callback of the previous one (on a channel actor's thread), so each party is
 * sequential and its values must arrive in order. After starting an operation a step touches no
 * field: the callback may already be running elsewhere.
 */
final class StressParties {
  private StressParties() {}

  /** Sends {@code count} values to random channels: plain, try, or canceled right away. */
  static final class Sender {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final int id;
    private final SplittableRandom random;
    private final List<ChannelHandle> channels;
    private final StressLedger ledger;
    private final int count;
    private int seq;

    Sender(int id, long seed, List<ChannelHandle> channels, StressLedger ledger, int count) {
      this.id = id;
      this.random = new SplittableRandom(seed);
      this.channels = channels;
      this.ledger = ledger;
      this.count = count;
    }

    /**
     * Modes (of 10): 0 try-send by message; 1 park, then cancel; 2-5 fast path, else park; 6 park
     * from this thread; 7-9 send by message.
     */
    void step() {
      while (seq < count) {
        Val v = new Val(id, seq++);
        ledger.offered.incrementAndGet();
        int c = random.nextInt(channels.size());
        ChannelHandle ch = channels.get(c);
        int mode = random.nextInt(10);
        boolean withdraw = random.nextBoolean();
        if (mode == 0) {
          ch.trySend(
              v,
              ok -> {
                ledger.outcome(v, ok ? StressLedger.SENT : StressLedger.NOT_SENT);
                step();
              });
          return;
        }
        Waiter w =
            new Waiter() {
              @Override
              public void onSent(int clause) {
                ledger.outcome(v, StressLedger.SENT);
                step();
              }

              @Override
              public void onReceived(int clause, Object value) {
                ledger.violations.add("sender " + id + " received " + value);
              }

              @Override
              public void onClosed(int clause) {
                ledger.outcome(v, StressLedger.FAILED);
                done.complete(null);
              }
            };
        if (mode >= 2 && mode <= 5) { // the fast path first, as Lisp's send does
          Object now = ch.offerNow(v);
          if (now == ChannelProtocol.SENT) {
            ledger.outcome(v, StressLedger.SENT);
            continue;
          }
          if (now == ChannelProtocol.CLOSED) {
            ledger.outcome(v, StressLedger.FAILED);
            break;
          }
        }
        if (mode >= 1 && mode <= 6) {
          ch.parkSend(v, w, c); // into the queue from this thread (may complete in the call)
        } else {
          ch.send(v, w, c); // by message
        }
        if (mode != 1 || !w.cancel()) {
          return;
        }
        ledger.outcome(v, StressLedger.NOT_SENT);
        if (withdraw) {
          ch.withdraw(w);
        }
      }
      done.complete(null);
    }
  }

  /** Receives from one channel until it is closed and drained; sometimes tries or cancels. */
  static final class Receiver {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final SplittableRandom random;
    private final ChannelHandle ch;
    private final int c;
    private final StressLedger ledger;

    private final String name;

    Receiver(int id, long seed, ChannelHandle ch, int c, StressLedger ledger) {
      this.name = "receiver " + id;
      this.random = new SplittableRandom(seed);
      this.ch = ch;
      this.c = c;
      this.ledger = ledger;
    }

    void step() {
      while (true) {
        int mode = random.nextInt(10);
        if (mode == 0) {
          ch.tryRecv(
              v -> {
                if (v != ChannelProtocol.EMPTY) {
                  ledger.received(name, c, v);
                }
                step();
              });
          return;
        }
        Waiter w =
            new Waiter() {
              @Override
              public void onSent(int clause) {
                ledger.violations.add("receiver sent");
              }

              @Override
              public void onReceived(int clause, Object value) {
                ledger.received(name, c, value);
                step();
              }

              @Override
              public void onClosed(int clause) {
                done.complete(null);
              }
            };
        if (mode >= 2 && mode <= 5) { // the fast path first, as Lisp's recv does
          Object now = ch.takeNow();
          if (now == ChannelProtocol.CLOSED) {
            done.complete(null);
            return;
          }
          if (now != ChannelProtocol.EMPTY) {
            ledger.received(name, c, now);
            continue;
          }
        }
        if (mode >= 1 && mode <= 6) {
          ch.parkRecv(w, c);
        } else {
          ch.recv(w, c);
        }
        if (mode != 1 || !w.cancel()) {
          return;
        }
      }
    }
  }

  /** Selects over 2-3 random clauses (sends of one value, recvs), mixed, on open channels. */
  static final class Selector {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final int id;
    private final SplittableRandom random;
    private final List<ChannelHandle> channels;
    private final StressLedger ledger;
    private final boolean[] knownClosed;
    private int stepsLeft;
    private int seq;

    Selector(int id, long seed, List<ChannelHandle> channels, StressLedger ledger, int steps) {
      this.id = id;
      this.random = new SplittableRandom(seed);
      this.channels = channels;
      this.ledger = ledger;
      this.knownClosed = new boolean[channels.size()];
      this.stepsLeft = steps;
    }

    void step() {
      while (true) {
        List<Integer> open = new ArrayList<>();
        for (int c = 0; c < channels.size(); c++) {
          if (!knownClosed[c]) {
            open.add(c);
          }
        }
        if (open.isEmpty() || stepsLeft-- == 0) {
          done.complete(null);
          return;
        }
        int n = 2 + random.nextInt(2);
        int[] chan = new int[n];
        boolean[] isSend = new boolean[n];
        boolean anySend = false;
        for (int i = 0; i < n; i++) {
          chan[i] = open.get(random.nextInt(open.size()));
          isSend[i] = random.nextBoolean();
          anySend |= isSend[i];
        }
        Val v = new Val(id, seq++);
        if (anySend) {
          ledger.offered.incrementAndGet();
        }
        boolean cancel = random.nextInt(10) == 0;
        boolean withdraw = random.nextBoolean();
        SelectWaiter w = new SelectWaiter(v, chan, isSend, anySend, withdraw);
        int how = random.nextInt(3); // 0: by message; 1: parked from here; 2: poll first, then 1
        if (how == 2 && pollFirst(w)) {
          continue;
        }
        for (int i = 0; i < n; i++) {
          ChannelHandle h = channels.get(chan[i]);
          if (isSend[i]) {
            if (how == 0) {
              h.send(v, w, i);
            } else {
              h.parkSend(v, w, i);
            }
          } else if (how == 0) {
            h.recv(w, i);
          } else {
            h.parkRecv(w, i);
          }
        }
        if (!cancel || !w.cancel()) {
          return;
        }
        if (anySend) {
          ledger.outcome(v, StressLedger.NOT_SENT);
        }
        if (withdraw) {
          for (int c : chan) {
            channels.get(c).withdraw(w);
          }
        }
      }
    }

    /**
     * The first phase of a select as the runtime does it: each clause through the fast path, in
     * order; true if one completed (its outcome recorded), and then no offer is registered.
     */
    private boolean pollFirst(SelectWaiter w) {
      for (int i = 0; i < w.chan.length; i++) {
        ChannelHandle h = channels.get(w.chan[i]);
        Object now = w.isSend[i] ? h.offerNow(w.v) : h.takeNow();
        if (now == ChannelProtocol.EMPTY) {
          continue;
        }
        if (now == ChannelProtocol.SENT) {
          ledger.outcome(w.v, StressLedger.SENT);
        } else if (now == ChannelProtocol.CLOSED) {
          knownClosed[w.chan[i]] = true;
          if (w.anySend) {
            ledger.outcome(w.v, w.isSend[i] ? StressLedger.FAILED : StressLedger.NOT_SENT);
          }
        } else {
          ledger.received(name(), w.chan[i], now);
          if (w.anySend) {
            ledger.outcome(w.v, StressLedger.NOT_SENT);
          }
        }
        return true;
      }
      return false;
    }

    private String name() {
      return "select " + id;
    }

    private final class SelectWaiter extends Waiter {
      private final Val v;
      private final int[] chan;
      private final boolean[] isSend;
      private final boolean anySend;
      private final boolean withdraw;

      SelectWaiter(Val v, int[] chan, boolean[] isSend, boolean anySend, boolean withdraw) {
        this.v = v;
        this.chan = chan;
        this.isSend = isSend;
        this.anySend = anySend;
        this.withdraw = withdraw;
      }

      @Override
      public void onSent(int clause) {
        check(clause, true);
        ledger.outcome(v, StressLedger.SENT);
        finish();
      }

      @Override
      public void onReceived(int clause, Object value) {
        check(clause, false);
        ledger.received(name(), chan[clause], value);
        if (anySend) {
          ledger.outcome(v, StressLedger.NOT_SENT);
        }
        finish();
      }

      @Override
      public void onClosed(int clause) {
        knownClosed[chan[clause]] = true;
        if (anySend) {
          ledger.outcome(v, isSend[clause] ? StressLedger.FAILED : StressLedger.NOT_SENT);
        }
        finish();
      }

      private void check(int clause, boolean send) {
        if (isSend[clause] != send) {
          ledger.violations.add("select " + id + " clause " + clause + " completed wrongly");
        }
      }

      private void finish() {
        if (withdraw) {
          for (int c : chan) {
            channels.get(c).withdraw(this);
          }
        }
        step();
      }
    }
  }
}
