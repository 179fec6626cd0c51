package org.omnilisp.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.channels.api.ChannelHandle;
import org.omnilisp.channels.api.ChannelProtocol.Command;
import org.omnilisp.channels.api.Channels;

/** A channel's actor stops once its handle has been garbage collected, and not before. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChannelCleanupTest {
  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** Makes n channels, uses each once, keeps only their actors' refs. */
  private static List<ActorRef<Command>> shortLivedChannels(int n) throws Exception {
    List<ActorRef<Command>> refs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ChannelHandle ch = Channels.create(testKit.system(), 1, i);
      ch.sendAsync("v" + i);
      assertEquals(
          Optional.of("v" + i), ch.recvAsync().toCompletableFuture().get(10, TimeUnit.SECONDS));
      refs.add(ch.ref());
    }
    return refs;
  }

  @Test
  void theActorsOfCollectedChannelsStop() throws Exception {
    List<ActorRef<Command>> refs = shortLivedChannels(100);
    TestProbe<Object> probe = testKit.createTestProbe();
    for (ActorRef<Command> ref : refs) {
      awaitStopWhileCollecting(probe, ref);
    }
  }

  @Test
  void aChannelWhoseHandleIsKeptStaysUsable() throws Exception {
    ChannelHandle kept = Channels.create(testKit.system(), 1, 1000);
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(20);
    }
    kept.sendAsync("still here");
    assertEquals(
        Optional.of("still here"),
        kept.recvAsync().toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertFalse(kept.isClosed());
  }

  /** Runs the collector until {@code ref} has stopped (the cleaner acts after a collection). */
  private static void awaitStopWhileCollecting(TestProbe<Object> probe, ActorRef<Command> ref) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      System.gc();
      try {
        probe.expectTerminated(ref, Duration.ofMillis(200));
        return;
      } catch (AssertionError notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
      }
    }
  }
}
