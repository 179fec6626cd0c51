package org.omnilisp.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.channels.api.ChannelFactory;
import org.omnilisp.channels.api.ChannelHandle;
import org.omnilisp.channels.api.ChannelProtocol;
import org.omnilisp.channels.internal.FutureWaiters.RecvWaiter;
import org.omnilisp.channels.internal.FutureWaiters.SendWaiter;

/**
 * The fast paths complete without an actor; the actor appears when a party first parks, and a
 * parked party is completed by a later fast path of its partner (in the partner's thread).
 */
@Timeout(60)
class LazyActorTest {
  private static final ActorTestKit testKit = TestPools.testKit("lazy");
  private final ChannelFactory factory =
      new ChannelFactory(testKit::system, () -> TestPools.pool(1));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void aChannelNobodyWaitsOnHasNoActor() {
    ChannelHandle ch = factory.create(1, 1);
    assertEquals(ChannelProtocol.SENT, ch.offerNow("a"));
    assertEquals(ChannelProtocol.EMPTY, ch.offerNow("b")); // full: it would wait
    assertEquals("a", ch.takeNow());
    assertEquals(ChannelProtocol.EMPTY, ch.takeNow());
    ch.close();
    assertTrue(ch.isClosed());
    assertEquals(ChannelProtocol.CLOSED, ch.offerNow("c"));
    assertEquals(ChannelProtocol.CLOSED, ch.takeNow());
    assertFalse(ch.hasActor());
  }

  @Test
  void bufferedValuesOutliveTheCloseOnTheFastPath() {
    ChannelHandle ch = factory.create(2, 2);
    ch.offerNow("a");
    ch.offerNow("b");
    ch.close();
    assertEquals("a", ch.takeNow());
    assertEquals("b", ch.takeNow());
    assertEquals(ChannelProtocol.CLOSED, ch.takeNow());
  }

  @Test
  void aParkedReceiverMakesTheActorAndIsCompletedByTheSendersFastPath() throws Exception {
    ChannelHandle ch = factory.create(0, 3);
    RecvWaiter r = new RecvWaiter();
    ch.parkRecv(r, 0);
    assertTrue(ch.hasActor());
    assertFalse(r.future.isDone());
    assertEquals(ChannelProtocol.SENT, ch.offerNow("x")); // the rendezvous, in this thread
    assertTrue(r.future.isDone(), "completed inside the sender's call");
    assertEquals(Optional.of("x"), r.future.get(1, TimeUnit.SECONDS));
  }

  @Test
  void aParkedSenderRefillsTheBufferWhenTheFastPathTakes() throws Exception {
    ChannelHandle ch = factory.create(1, 4);
    assertEquals(ChannelProtocol.SENT, ch.offerNow("a"));
    SendWaiter s = new SendWaiter();
    ch.parkSend("b", s, 0);
    assertFalse(s.future.isDone());
    assertEquals("a", ch.takeNow());
    assertTrue(s.future.isDone(), "b moved into the room a left");
    assertEquals("b", ch.takeNow());
  }

  @Test
  void closeReachesAPartyParkedBeforeIt() throws Exception {
    ChannelHandle ch = factory.create(0, 5);
    RecvWaiter r = new RecvWaiter();
    ch.parkRecv(r, 0);
    ch.close(); // the actor exists: Close goes by message
    assertEquals(Optional.empty(), r.future.get(5, TimeUnit.SECONDS));
    assertEquals(ChannelProtocol.CLOSED, ch.offerNow("late"));
  }
}
