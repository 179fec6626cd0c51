package org.omnilisp.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.omnilisp.channels.api.ChannelHandle;
import org.omnilisp.channels.api.ChannelProtocol.Command;
import org.omnilisp.channels.api.Channels;
import org.omnilisp.channels.api.ReplyTo;

/**
 * Messages per operation: those the channel actors receive (counted by an interceptor) plus the
 * completions and replies they make (each one message to a waiting actor). The figures are in
 * channels/README.md.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
class MessageCountTest {
  private static final ActorTestKit testKit = ActorTestKit.create();
  private final AtomicInteger toChannels = new AtomicInteger();
  private TestProbe<String> completions;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void setUp() {
    completions = testKit.createTestProbe();
  }

  private final class Counting extends BehaviorInterceptor<Command, Command> {
    Counting() {
      super(Command.class);
    }

    @Override
    public Behavior<Command> aroundReceive(
        TypedActorContext<Command> ctx, Command msg, ReceiveTarget<Command> target) {
      toChannels.incrementAndGet();
      return target.apply(ctx, msg);
    }
  }

  private ChannelHandle chan(int capacity) {
    return Channels.create(b -> testKit.spawn(Behaviors.intercept(Counting::new, b)), capacity, 0);
  }

  private EventWaiter waiter(String name) {
    return new EventWaiter(name, completions.ref()::tell);
  }

  /** Messages so far: to the channels, plus completions received by the probe. */
  private int total(int completionsSeen) {
    return toChannels.get() + completionsSeen;
  }

  @Test
  void rendezvousCostsFour() {
    ChannelHandle ch = chan(0);
    ch.recv(waiter("r"), 0);
    ch.send("a", waiter("s"), 0);
    completions.expectMessage("s sent 0");
    completions.expectMessage("r received 0 a");
    assertEquals(4, total(2)); // Recv, Send, delivery, acknowledgement
  }

  @Test
  void bufferedSendAndRecvCostTwoEach() {
    ChannelHandle ch = chan(1);
    ch.send("a", waiter("s"), 0);
    completions.expectMessage("s sent 0");
    assertEquals(2, total(1));
    ch.recv(waiter("r"), 0);
    completions.expectMessage("r received 0 a");
    assertEquals(4, total(2));
  }

  @Test
  void tryOperationsCostTwoEach() {
    ChannelHandle ch = chan(1);
    TestProbe<Boolean> sent = testKit.createTestProbe();
    ch.trySend("a", ReplyTo.of(sent.ref()));
    sent.expectMessage(true);
    assertEquals(2, total(1));
    TestProbe<Object> got = testKit.createTestProbe();
    ch.tryRecv(ReplyTo.of(got.ref()));
    got.expectMessage("a");
    assertEquals(4, total(2));
  }

  @Test
  void closeCostsOnePlusOnePerParkedParty() {
    ChannelHandle ch = chan(0);
    ch.recv(waiter("r1"), 0);
    ch.recv(waiter("r2"), 0);
    ch.close();
    completions.expectMessage("r1 closed 0");
    completions.expectMessage("r2 closed 0");
    assertEquals(5, total(2)); // two Recv, Close, two completions
  }

  @Test
  void selectOverThreeChannelsCostsFour() {
    ChannelHandle a = chan(0);
    ChannelHandle b = chan(0);
    ChannelHandle c = chan(1);
    EventWaiter select = waiter("w");
    a.recv(select, 0);
    b.send("x", select, 1);
    c.recv(select, 2);
    TestProbe<Boolean> sync = testKit.createTestProbe();
    c.trySend("v", ReplyTo.of(sync.ref()));
    sync.expectMessage(true);
    completions.expectMessage("w received 2 v");
    a.withdraw(select);
    b.withdraw(select);
    TestProbe<Object> done = testKit.createTestProbe();
    a.tryRecv(ReplyTo.of(done.ref()));
    b.tryRecv(ReplyTo.of(done.ref()));
    done.receiveMessage();
    done.receiveMessage();
    int otherParty = 1; // the TrySend (its reply went to the sync probe)
    int syncing = 2; // the two TryRecv just above
    int selectToChannels = toChannels.get() - otherParty - syncing;
    assertEquals(3, selectToChannels); // three registrations; a withdraw needs no message
    assertEquals(4, selectToChannels + 1); // plus its one completion
  }
}
