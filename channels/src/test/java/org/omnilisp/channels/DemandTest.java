package org.omnilisp.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** {@link ChannelHandle#awaitDemand}: signals a receiver or room, takes nothing, gives nothing. */
@org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
class DemandTest {
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

  private <T> T answer(Consumer<ReplyTo<T>> op) {
    TestProbe<T> replies = testKit.createTestProbe();
    op.accept(ReplyTo.of(replies.ref()));
    return replies.receiveMessage();
  }

  @Test
  void aParkedReceiverIsSignaledAndStaysForTheValue() {
    ChannelHandle ch = chan(0);
    ch.awaitDemand(waiter("d"), 2);
    events.expectNoMessage(Duration.ofMillis(50)); // no receiver yet
    ch.recv(waiter("r"), 0);
    events.expectMessage("d sent 2");
    events.expectNoMessage(Duration.ofMillis(50)); // the receiver got nothing
    assertEquals(ChannelProtocol.SENT, answer(reply -> ch.pollSend("v", reply)));
    events.expectMessage("r received 0 v");
  }

  @Test
  void tryRecvPassesOverADemandAndTakesTheValueBehindIt() {
    ChannelHandle ch = chan(0);
    ch.awaitDemand(waiter("d"), 0);
    assertEquals(ChannelProtocol.EMPTY, answer(ch::tryRecv));
    ch.send("v", waiter("s"), 1);
    assertEquals("v", answer(ch::tryRecv));
    events.expectMessage("s sent 1");
    events.expectNoMessage(Duration.ofMillis(50));
  }

  @Test
  void roomInTheBufferIsDemandAndNothingIsBuffered() {
    ChannelHandle ch = chan(1);
    ch.awaitDemand(waiter("d"), 0);
    events.expectMessage("d sent 0");
    assertEquals(ChannelProtocol.EMPTY, answer(ch::tryRecv));
    ch.send("full", waiter("s"), 0);
    events.expectMessage("s sent 0");
    ch.awaitDemand(waiter("d2"), 0);
    events.expectNoMessage(Duration.ofMillis(50)); // full
    assertEquals("full", answer(ch::tryRecv));
    events.expectMessage("d2 sent 0");
  }

  @Test
  void closingEndsADemand() {
    ChannelHandle ch = chan(0);
    ch.awaitDemand(waiter("d"), 4);
    ch.close();
    events.expectMessage("d closed 4");
  }

  @Test
  void aCanceledDemandIsNotSignaled() {
    ChannelHandle ch = chan(0);
    EventWaiter d = waiter("d");
    ch.awaitDemand(d, 0);
    d.cancel();
    ch.withdraw(d);
    ch.recv(waiter("r"), 0);
    events.expectNoMessage(Duration.ofMillis(50));
    ch.send("v", waiter("s"), 0);
    events.expectMessage("s sent 0");
    events.expectMessage("r received 0 v");
  }
}
