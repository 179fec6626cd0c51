package org.omnilisp.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.omnilisp.channels.api.ChannelHandle;
import org.omnilisp.channels.api.Channels;

/**
 * Randomized, seeded: plain senders (some try, some canceled), one or two receivers per channel
 * (some try, some canceled), and selects mixing send and recv clauses, on a few channels of mixed
 * capacity, while the channels get closed at a random point. Every path is mixed in: the fast paths
 * ({@code offerNow}/{@code takeNow}, a select's polling first phase), parking from the party's own
 * thread ({@code parkSend}/{@code parkRecv}) and the message operations, on pools of 1, 2 and 4
 * threads. Asserts the contract, never timings: each value has exactly one outcome; what was sent
 * was received exactly once and nothing else was; each receiving party got each sender's values in
 * order. The generous timeouts only turn a hang into a failure.
 */
@org.junit.jupiter.api.Timeout(value = 300, unit = java.util.concurrent.TimeUnit.SECONDS)
class ChannelStressTest {
  private static final ActorTestKit testKit = TestPools.testKit("stress");
  private static final int CHANNELS = 4;
  private static final int SENDERS = 6;
  private static final int VALUES = 300;
  private static final int SELECT_STEPS = 200;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** Selectors: 4 on channels of mixed capacity, or 12 on rendezvous channels only. */
  @ParameterizedTest(name = "pool of {0}, seed {1}, {2} selectors")
  @CsvSource({
    "1, 1, 4", "1, 2, 4", "1, 3, 4", "1, 4, 12", "1, 5, 12",
    "2, 1, 4", "2, 2, 4", "2, 3, 4", "2, 4, 12", "2, 5, 12",
    "4, 1, 4", "4, 2, 4", "4, 3, 4", "4, 4, 4", "4, 5, 4",
    "4, 6, 12", "4, 7, 12", "4, 8, 12", "4, 9, 12", "4, 10, 12"
  })
  void contractHoldsUnderRaces(int threads, long seed, int selectors) throws Exception {
    Random random = new Random(seed);
    int[] capacities = selectors > 4 ? new int[] {0} : new int[] {0, 0, 1, 4};
    List<ChannelHandle> channels = new ArrayList<>();
    for (int c = 0; c < CHANNELS; c++) {
      int capacity = capacities[random.nextInt(capacities.length)];
      channels.add(Channels.create(testKit.system(), capacity, c, TestPools.pool(threads)));
    }
    int closeAfter = (int) (SENDERS * VALUES * (0.2 + random.nextDouble()));
    StressLedger ledger = new StressLedger(CHANNELS, closeAfter);

    List<CompletableFuture<Void>> senders = new ArrayList<>();
    List<CompletableFuture<Void>> everyone = new ArrayList<>();
    List<Runnable> starts = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      var sender = new StressParties.Sender(s, random.nextLong(), channels, ledger, VALUES);
      senders.add(sender.done);
      everyone.add(sender.done);
      starts.add(sender::step);
    }
    for (int r = 0; r < CHANNELS + 2; r++) {
      int c = r % CHANNELS;
      var receiver = new StressParties.Receiver(r, random.nextLong(), channels.get(c), c, ledger);
      everyone.add(receiver.done);
      starts.add(receiver::step);
    }
    for (int s = 0; s < selectors; s++) {
      var selector =
          new StressParties.Selector(
              SENDERS + s, random.nextLong(), channels, ledger, SELECT_STEPS);
      everyone.add(selector.done);
      starts.add(selector::step);
    }
    Collections.shuffle(starts, random);
    starts.forEach(Runnable::run);

    CompletableFuture.anyOf(
            ledger.closeNow, CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)))
        .get(30, TimeUnit.SECONDS);
    List<ChannelHandle> closing = new ArrayList<>(channels);
    Collections.shuffle(closing, random);
    closing.forEach(ChannelHandle::close);
    CompletableFuture.allOf(everyone.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

    assertEquals(List.of(), ledger.check());
    assertTrue(ledger.sentCount() > 0, "nothing was sent");
  }
}
