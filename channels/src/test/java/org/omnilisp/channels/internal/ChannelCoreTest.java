package org.omnilisp.channels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnilisp.channels.api.ChannelProtocol;
import org.omnilisp.channels.api.Waiter;

/**
 * The core without an actor, so that the BUSY cases (a waiter tentatively held by another channel)
 * are pinned deterministically: the test holds the lock itself with {@code tryLock}.
 */
class ChannelCoreTest {
  private final List<String> events = new ArrayList<>();
  private final List<RuntimeException> failures = new ArrayList<>();

  private class Rec extends Waiter {
    private final String name;

    Rec(String name) {
      this.name = name;
    }

    @Override
    public void onSent(int clause) {
      events.add(name + " sent " + clause);
    }

    @Override
    public void onReceived(int clause, Object value) {
      events.add(name + " received " + clause + " " + value);
    }

    @Override
    public void onClosed(int clause) {
      events.add(name + " closed " + clause);
    }
  }

  private ChannelCore core(int capacity) {
    return new ChannelCore(capacity, failures::add);
  }

  @Test
  void busyReceiverKeepsItsPlaceForABufferedValue() {
    ChannelCore core = core(1);
    Rec r = new Rec("r");
    assertEquals(Waiter.Claim.WON, r.tryLock());
    core.recv(r, 0);
    core.send("a", new Rec("s"), 0);
    assertEquals(List.of("s sent 0"), events);
    assertTrue(core.blocked());
    r.release();
    core.pump();
    assertFalse(core.blocked());
    assertEquals(List.of("s sent 0", "r received 0 a"), events);
  }

  @Test
  void rendezvousWithABusyPartnerKeepsBothAndMatchesLater() {
    ChannelCore core = core(0);
    Rec s = new Rec("s");
    Rec r = new Rec("r");
    assertEquals(Waiter.Claim.WON, r.tryLock());
    core.send("a", s, 1);
    core.recv(r, 2);
    assertTrue(core.blocked());
    assertEquals(1, core.parkedSenders());
    assertEquals(1, core.parkedReceivers());
    assertFalse(s.isClaimed()); // the tentative lock on s was released
    r.release();
    core.pump();
    assertEquals(List.of("s sent 1", "r received 2 a"), events);
  }

  @Test
  void staleEntriesAreSkippedAndTheValueGoesToALiveReceiver() {
    ChannelCore core = core(0);
    Rec gone = new Rec("gone");
    core.recv(gone, 0);
    assertTrue(gone.cancel()); // claimed elsewhere after it parked
    core.send("a", new Rec("s"), 0);
    assertEquals(List.of(), events);
    assertEquals(0, core.parkedReceivers());
    assertEquals(1, core.parkedSenders());
    core.recv(new Rec("r"), 0);
    assertEquals(List.of("s sent 0", "r received 0 a"), events);
  }

  @Test
  void closeFailsABusySenderOnceItIsReleased() {
    ChannelCore core = core(0);
    Rec s = new Rec("s");
    core.send("a", s, 0);
    assertEquals(Waiter.Claim.WON, s.tryLock());
    core.close();
    assertTrue(core.blocked());
    s.release();
    core.pump();
    assertEquals(List.of("s closed 0"), events);
  }

  @Test
  void tryOperationsSkipBusyEntries() {
    ChannelCore core = core(0);
    Rec busy = new Rec("busy");
    Rec free = new Rec("free");
    core.send("x", busy, 0);
    core.send("y", free, 0);
    assertEquals(Waiter.Claim.WON, busy.tryLock());
    assertEquals("y", core.tryRecv());
    assertEquals(ChannelProtocol.EMPTY, core.tryRecv());
    busy.release();
    assertEquals("x", core.tryRecv());
    assertEquals(List.of("free sent 0", "busy sent 0"), events);
  }

  /** An offer meeting parked receivers: drops a stale head, skips a BUSY one, takes the next. */
  @Test
  void offerSkipsStaleAndBusyReceivers() {
    ChannelCore core = core(0);
    Rec gone = new Rec("gone");
    Rec busy = new Rec("busy");
    Rec free = new Rec("free");
    core.recv(gone, 0);
    core.recv(busy, 0);
    core.recv(free, 0);
    assertTrue(gone.cancel());
    assertEquals(Waiter.Claim.WON, busy.tryLock());
    assertEquals(ChannelProtocol.SENT, core.offer("a"));
    assertEquals(ChannelProtocol.EMPTY, core.offer("b"));
    assertEquals(1, core.parkedReceivers());
    busy.release();
    assertEquals(ChannelProtocol.SENT, core.offer("c"));
    assertEquals(List.of("free received 0 a", "busy received 0 c"), events);
  }

  @Test
  void aFailingCallbackIsReportedAndTheChannelGoesOn() {
    ChannelCore core = core(0);
    Waiter bad =
        new Rec("bad") {
          @Override
          public void onReceived(int clause, Object value) {
            throw new IllegalStateException("boom");
          }
        };
    core.recv(bad, 0);
    assertTrue(core.trySend("a"));
    assertEquals(1, failures.size());
    core.recv(new Rec("r"), 0);
    assertTrue(core.trySend("b"));
    assertEquals(List.of("r received 0 b"), events);
  }

  @Test
  void pairClaimTakesBothOrNeither() {
    Rec a = new Rec("a");
    Rec b = new Rec("b");
    assertEquals(Pair.Result.BOTH, Pair.claim(a, b));
    assertTrue(a.isClaimed() && b.isClaimed());
    Rec c = new Rec("c");
    Rec d = new Rec("d");
    assertTrue(d.cancel());
    assertEquals(Pair.Result.SECOND_LOST, Pair.claim(c, d));
    assertFalse(c.isClaimed());
    Rec e = new Rec("e");
    assertEquals(Waiter.Claim.WON, e.tryLock());
    assertEquals(Pair.Result.BUSY, Pair.claim(c, e));
    assertEquals(Pair.Result.BUSY, Pair.claim(e, c));
    assertFalse(c.isClaimed());
    assertEquals(Pair.Result.FIRST_LOST, Pair.claim(a, c));
    assertFalse(c.isClaimed());
  }

  /**
   * The inline ring: FIFO while it wraps around and while it grows (16 slots at first, doubled up
   * to the capacity), with parked senders refilling it; a full ring answers EMPTY.
   */
  @Test
  void ringStaysFifoThroughWrapAndGrowth() {
    ChannelCore core = core(40);
    long next = 0;
    long expected = 0;
    java.util.Random random = new java.util.Random(7);
    for (int round = 0; round < 2000; round++) {
      int in = random.nextInt(30);
      for (int i = 0; i < in; i++) {
        if (core.offer(next) == ChannelProtocol.SENT) {
          next++;
        } else {
          assertEquals(40, core.buffered());
          break;
        }
      }
      int out = random.nextInt(30);
      for (int i = 0; i < out && core.buffered() > 0; i++) {
        assertEquals(expected++, core.take());
      }
    }
    core.send(next++, new Rec("s1"), 0); // parks only if full; either way its value is FIFO
    core.send(next++, new Rec("s2"), 0);
    while (expected < next) {
      assertEquals(expected++, core.take());
    }
    assertEquals(ChannelProtocol.EMPTY, core.take());
    assertTrue(failures.isEmpty());
  }

  /**
   * Capacity 1 buffers in a field of the core, not a ring: one value at a time, parked senders
   * refill it in order, a parked receiver takes it, and close still lets the last value out.
   */
  @Test
  void capacityOneHoldsOneValueAndKeepsOrder() {
    ChannelCore core = core(1);
    assertEquals(ChannelProtocol.SENT, core.offer("a"));
    assertEquals(ChannelProtocol.EMPTY, core.offer("b"));
    assertEquals(1, core.buffered());
    core.send("b", new Rec("s1"), 1);
    core.send("c", new Rec("s2"), 2);
    assertEquals(2, core.parkedSenders());
    assertEquals("a", core.take()); // s1's value refills the slot
    assertEquals(List.of("s1 sent 1"), events);
    assertEquals("b", core.take());
    assertEquals("c", core.take());
    assertEquals(List.of("s1 sent 1", "s2 sent 2"), events);
    assertEquals(ChannelProtocol.EMPTY, core.take());
    core.recv(new Rec("r"), 3);
    assertEquals(ChannelProtocol.SENT, core.offer("d")); // straight to the parked receiver
    assertEquals(0, core.buffered());
    assertEquals("r received 3 d", events.get(2));
    assertEquals(ChannelProtocol.SENT, core.offer("e"));
    core.close();
    assertEquals(ChannelProtocol.CLOSED, core.offer("f"));
    assertEquals("e", core.take());
    assertEquals(ChannelProtocol.CLOSED, core.take());
    assertTrue(failures.isEmpty());
  }

  /** A local channel's core is its closed flag: the handle and the actor read and set it there. */
  @Test
  void theCoreIsTheChannelsState() {
    ChannelCore core = core(1);
    ChannelState state = core;
    assertFalse(state.isClosed());
    state.markClosed();
    assertTrue(core.isClosed());
  }

  /** The lock order is given lazily, once, and differs between waiters. */
  @Test
  void lockOrderIsGivenOnceAndUnique() {
    Rec a = new Rec("a");
    Rec b = new Rec("b");
    long first = b.order();
    assertTrue(first > 0);
    assertEquals(first, b.order());
    assertTrue(a.order() > first);
  }
}
