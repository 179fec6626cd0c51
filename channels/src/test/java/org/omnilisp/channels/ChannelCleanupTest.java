package org.omnilisp.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.channels.api.ChannelHandle;
import org.omnilisp.channels.api.ChannelProtocol.Command;
import org.omnilisp.channels.api.Channels;

/**
 * A channel's actor stops once its handle has been garbage collected: the actors of dropped
 * channels go, what still waited on them ends as on a close, and no operation is lost to the stop.
 * (That a parked Lisp fiber keeps its channel's handle is tested in fiber-actors.)
 */
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
  void aFutureLeftWaitingOnACollectedChannelEndsAsOnAClose() throws Exception {
    CompletableFuture<Optional<Object>> pending =
        Channels.create(testKit.system(), 0, 2000).recvAsync().toCompletableFuture();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!pending.isDone()) {
      assertTrue(System.nanoTime() < deadline, "the collected channel's future never ended");
      System.gc();
      Thread.sleep(20);
    }
    assertEquals(Optional.empty(), pending.get());
  }

  @Test
  void theLastOperationOnAChannelIsNotOvertakenByItsStop() throws Exception {
    // Each channel is dropped right after one try-send: the handle may be collected while the
    // send is being told, and the stop must still come after it. Collections run all along.
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread collector =
        new Thread(
            () -> {
              while (running.get()) {
                System.gc();
                LockSupport.parkNanos(2_000_000);
              }
            });
    collector.start();
    try {
      long made = 0;
      while (System.nanoTime() < end) {
        List<CompletableFuture<Boolean>> sent = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
          sent.add(
              Channels.create(testKit.system(), 1, made++).trySendAsync("x").toCompletableFuture());
        }
        for (CompletableFuture<Boolean> f : sent) {
          assertTrue(
              f.completeOnTimeout(false, 10, TimeUnit.SECONDS).get(),
              "a try-send into buffer room was lost");
        }
      }
    } finally {
      running.set(false);
      collector.join();
    }
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
