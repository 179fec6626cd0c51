package org.omnilisp.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.Consumer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.omnilisp.channels.api.ChannelHandle;
import org.omnilisp.channels.api.ChannelProtocol;
import org.omnilisp.channels.api.Channels;
import org.omnilisp.channels.api.ReplyTo;
import org.omnilisp.channels.api.Waiter;

/**
 * One channel at a time: every completion of every waiter goes to one probe, in the order the
 * channel actor made it, so the tests assert exact sequences.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
class ChannelProtocolTest {
  private static final ActorTestKit testKit = ActorTestKit.create();
  private static long ids;
  private TestProbe<String> events;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void newProbe() {
    events = testKit.createTestProbe();
  }

  private ChannelHandle chan(int capacity) {
    return Channels.create(testKit.system(), capacity, ids++);
  }

  private EventWaiter waiter(String name) {
    return new EventWaiter(name, events.ref()::tell);
  }

  private void expect(String... sequence) {
    for (String e : sequence) {
      events.expectMessage(e);
    }
  }

  /** Replies of try operations, through the same mailbox order as everything else. */
  private <T> T answer(Consumer<ReplyTo<T>> op) {
    TestProbe<T> replies = testKit.createTestProbe();
    op.accept(ReplyTo.of(replies.ref()));
    return replies.receiveMessage();
  }

  @Test
  void rendezvousReceiverFirst() {
    ChannelHandle ch = chan(0);
    ch.recv(waiter("r"), 0);
    ch.send("a", waiter("s"), 3);
    expect("s sent 3", "r received 0 a");
  }

  @Test
  void rendezvousSenderFirst() {
    ChannelHandle ch = chan(0);
    ch.send("a", waiter("s"), 0);
    ch.recv(waiter("r"), 1);
    expect("s sent 0", "r received 1 a");
  }

  @Test
  void bufferedSendsCompleteUntilFullThenPark() {
    ChannelHandle ch = chan(2);
    ch.send("a", waiter("s1"), 0);
    ch.send("b", waiter("s2"), 0);
    ch.send("c", waiter("s3"), 0);
    expect("s1 sent 0", "s2 sent 0");
    ch.recv(waiter("r1"), 0);
    expect("r1 received 0 a", "s3 sent 0");
    ch.recv(waiter("r2"), 0);
    ch.recv(waiter("r3"), 0);
    ch.recv(waiter("r4"), 0);
    expect("r2 received 0 b", "r3 received 0 c");
    ch.send("d", waiter("s4"), 0);
    expect("s4 sent 0", "r4 received 0 d");
  }

  @Test
  void parkedSendersAreServedInOrder() {
    ChannelHandle ch = chan(0);
    for (int i = 0; i < 5; i++) {
      ch.send(i, waiter("s" + i), 0);
    }
    for (int i = 0; i < 5; i++) {
      ch.recv(waiter("r"), 0);
      expect("s" + i + " sent 0", "r received 0 " + i);
    }
  }

  @Test
  void closeLetsBufferDrainAndFailsSenders() {
    ChannelHandle ch = chan(2);
    ch.send("a", waiter("s1"), 0);
    ch.send("b", waiter("s2"), 0);
    ch.send("c", waiter("s3"), 0);
    expect("s1 sent 0", "s2 sent 0");
    ch.close();
    assertTrue(ch.isClosed());
    expect("s3 closed 0");
    ch.send("d", waiter("s4"), 0);
    expect("s4 closed 0");
    ch.recv(waiter("r1"), 0);
    ch.recv(waiter("r2"), 0);
    ch.recv(waiter("r3"), 0);
    ch.recv(waiter("r4"), 0);
    expect("r1 received 0 a", "r2 received 0 b", "r3 closed 0", "r4 closed 0");
  }

  @Test
  void closeWakesParkedReceivers() {
    ChannelHandle ch = chan(0);
    ch.recv(waiter("r1"), 0);
    ch.recv(waiter("r2"), 1);
    ch.close();
    expect("r1 closed 0", "r2 closed 1");
    ch.close(); // idempotent
    assertFalse(answer((ReplyTo<Boolean> r) -> ch.trySend("x", r)));
  }

  @Test
  void tryOperationsNeverPark() {
    ChannelHandle ch = chan(0);
    assertFalse(answer((ReplyTo<Boolean> r) -> ch.trySend("x", r)));
    assertEquals(ChannelProtocol.EMPTY, answer((ReplyTo<Object> r) -> ch.tryRecv(r)));
    ch.recv(waiter("r"), 0);
    assertTrue(answer((ReplyTo<Boolean> r) -> ch.trySend("x", r)));
    expect("r received 0 x");
    ch.send("y", waiter("s"), 0);
    assertEquals("y", answer((ReplyTo<Object> r) -> ch.tryRecv(r)));
    expect("s sent 0");
    ChannelHandle buffered = chan(1);
    assertTrue(answer((ReplyTo<Boolean> r) -> buffered.trySend("z", r)));
    assertFalse(answer((ReplyTo<Boolean> r) -> buffered.trySend("w", r)));
    buffered.close();
    assertEquals("z", answer((ReplyTo<Object> r) -> buffered.tryRecv(r)));
    assertEquals(ChannelProtocol.EMPTY, answer((ReplyTo<Object> r) -> buffered.tryRecv(r)));
  }

  @Test
  void withdrawRemovesParkedOffers() {
    ChannelHandle ch = chan(0);
    EventWaiter r = waiter("r");
    ch.recv(r, 0);
    ch.recv(r, 1);
    ch.withdraw(r); // still open: ignored
    assertTrue(answer((ReplyTo<Boolean> reply) -> ch.trySend("x", reply)));
    expect("r received 0 x");
    EventWaiter canceled = waiter("canceled");
    ch.recv(canceled, 0);
    assertTrue(canceled.cancel());
    ch.withdraw(canceled);
    assertFalse(answer((ReplyTo<Boolean> reply) -> ch.trySend("y", reply)));
    assertEquals(0, canceled.completions.get());
  }

  @Test
  void canceledReceiverGetsNothingAndTheValueGoesToTheNext() {
    ChannelHandle ch = chan(0);
    EventWaiter r1 = waiter("r1");
    ch.recv(r1, 0);
    ch.recv(waiter("r2"), 0);
    assertTrue(r1.cancel());
    assertFalse(r1.cancel());
    ch.send("a", waiter("s"), 0);
    expect("s sent 0", "r2 received 0 a");
    events.expectNoMessage(Duration.ZERO);
    assertEquals(0, r1.completions.get());
  }

  @Test
  void aWaiterHeldBusyElsewhereIsKeptAndServedLater() {
    ChannelHandle ch = chan(0);
    EventWaiter r = waiter("r");
    assertEquals(Waiter.Claim.WON, r.tryLock()); // as if another channel held it
    ch.recv(r, 0);
    ch.send("a", waiter("s"), 0);
    // the actor processed both (mailbox order) and could not match the BUSY receiver:
    assertFalse(answer((ReplyTo<Boolean> reply) -> ch.trySend("b", reply)));
    r.release();
    expect("s sent 0", "r received 0 a");
  }

  @Test
  void negativeCapacityIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> chan(-3));
    assertTrue(e.getMessage().contains("-3"), e.getMessage());
  }

  @Test
  void nullValuesAreRejected() {
    ChannelHandle ch = chan(0);
    assertThrows(NullPointerException.class, () -> ch.send(null, waiter("s"), 0));
  }
}
