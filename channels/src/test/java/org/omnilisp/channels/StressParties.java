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
        ch.send(v, w, c);
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

    Receiver(long seed, ChannelHandle ch, int c, StressLedger ledger) {
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
                  ledger.received(c, v);
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
                ledger.received(c, value);
                step();
              }

              @Override
              public void onClosed(int clause) {
                done.complete(null);
              }
            };
        ch.recv(w, c);
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
        Waiter w = new SelectWaiter(v, chan, isSend, anySend, withdraw);
        for (int i = 0; i < n; i++) {
          if (isSend[i]) {
            channels.get(chan[i]).send(v, w, i);
          } else {
            channels.get(chan[i]).recv(w, i);
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
        ledger.received(chan[clause], value);
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
