package org.omnilisp.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.omnilisp.channels.api.ChannelHandle;
import org.omnilisp.channels.api.ChannelProtocol;
import org.omnilisp.channels.api.Channels;

/** A select is one waiter with offers on several channels: exactly one clause fires. */
@org.junit.jupiter.api.Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
class SelectTest {
  private static final ActorTestKit testKit = TestPools.testKit("select");
  private static final ExecutorService other = Executors.newSingleThreadExecutor();
  private static long ids;

  @AfterAll
  static void shutdown() {
    other.shutdownNow();
    testKit.shutdownTestKit();
  }

  private static ChannelHandle chan(int capacity) {
    return Channels.create(testKit.system(), capacity, ids++, TestPools.pool(4));
  }

  /** A waiter whose first completion also completes a future. */
  private static final class Select {
    final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
    final CompletableFuture<String> first = new CompletableFuture<>();
    final EventWaiter waiter;

    Select(String name) {
      waiter =
          new EventWaiter(
              name,
              e -> {
                events.add(e);
                first.complete(e);
              });
    }

    String await() throws Exception {
      return first.get(10, TimeUnit.SECONDS);
    }
  }

  private static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void selectOverSendAndRecvClausesFiresOnceAndLosesNothing() throws Exception {
    Random random = new Random(42);
    for (int round = 0; round < 300; round++) {
      ChannelHandle c0 = chan(0);
      ChannelHandle c1 = chan(0);
      ChannelHandle c2 = chan(1);
      Select w = new Select("w");
      Select r0 = new Select("r0");
      Select s1 = new Select("s1");
      CompletableFuture<Boolean> y = new CompletableFuture<>();
      List<Runnable> ops = new ArrayList<>();
      ops.add(
          () -> {
            c0.send("w", w.waiter, 0);
            c1.recv(w.waiter, 1);
            c2.recv(w.waiter, 2);
          });
      ops.add(() -> c0.recv(r0.waiter, 0));
      ops.add(() -> c1.send("x", s1.waiter, 0));
      ops.add(() -> c2.trySend("y", y::complete));
      Collections.shuffle(ops, random);
      ops.forEach(Runnable::run);

      String fired = w.await();
      if (random.nextBoolean()) {
        c0.withdraw(w.waiter);
        c1.withdraw(w.waiter);
        c2.withdraw(w.waiter);
      }
      c0.close();
      c1.close();
      c2.close();
      String r0Event = r0.await();
      String s1Event = s1.await();
      boolean ySent = await(y);
      Optional<Object> leftInC2 = await(c2.recvAsync());

      assertEquals(1, w.waiter.completions.get(), w.events::toString);
      assertEquals(fired.equals("w sent 0"), r0Event.equals("r0 received 0 w"), r0Event);
      assertEquals(fired.equals("w received 1 x"), s1Event.equals("s1 sent 0"), s1Event);
      if (fired.equals("w received 2 y")) {
        assertTrue(ySent);
        assertEquals(Optional.empty(), leftInC2);
      } else {
        assertEquals(ySent ? Optional.of("y") : Optional.empty(), leftInC2);
      }
    }
  }

  @Test
  void twoSelectsMatchEachOtherExactlyOnce() throws Exception {
    for (int round = 0; round < 500; round++) {
      ChannelHandle c = chan(0);
      ChannelHandle d = chan(0);
      Select a = new Select("a");
      Select b = new Select("b");
      Runnable registerB =
          () -> {
            d.send("b", b.waiter, 1);
            c.recv(b.waiter, 0);
          };
      CompletableFuture<Void> other = CompletableFuture.runAsync(registerB, SelectTest.other);
      c.send("a", a.waiter, 0);
      d.recv(a.waiter, 1);
      other.get(10, TimeUnit.SECONDS);
      String aFired = a.await();
      String bFired = b.await();
      c.close();
      d.close();
      await(c.recvAsync()); // both channels have processed everything
      await(d.recvAsync());
      if (aFired.equals("a sent 0")) {
        assertEquals("b received 0 a", bFired);
      } else {
        assertEquals("a received 1 b", aFired);
        assertEquals("b sent 1", bFired);
      }
      assertEquals(1, a.waiter.completions.get(), a.events::toString);
      assertEquals(1, b.waiter.completions.get(), b.events::toString);
    }
  }

  @Test
  void aSelectNeverMeetsItself() throws Exception {
    ChannelHandle c = chan(0);
    Select w = new Select("w");
    c.send("w", w.waiter, 0);
    c.recv(w.waiter, 1);
    CompletableFuture<Object> taken = new CompletableFuture<>();
    c.tryRecv(taken::complete);
    assertEquals("w", taken.get(10, TimeUnit.SECONDS));
    assertEquals("w sent 0", w.await());
    CompletableFuture<Object> none = new CompletableFuture<>();
    c.tryRecv(none::complete);
    assertEquals(ChannelProtocol.EMPTY, none.get(10, TimeUnit.SECONDS));
    assertEquals(1, w.waiter.completions.get());
  }
}
