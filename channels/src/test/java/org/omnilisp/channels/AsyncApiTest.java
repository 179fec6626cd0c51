package org.omnilisp.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.omnilisp.channels.api.ChannelClosedException;
import org.omnilisp.channels.api.ChannelHandle;
import org.omnilisp.channels.api.Channels;

@org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
class AsyncApiTest {
  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void sendAndReceiveFromPlainThreads() throws Exception {
    ChannelHandle ch = Channels.create(testKit.system(), 0, 1);
    CompletionStage<Void> sent = ch.sendAsync("hello");
    assertEquals(Optional.of("hello"), await(ch.recvAsync()));
    await(sent);
    assertEquals("#<channel 1>", ch.toString());
    assertEquals(0, ch.capacity());
    assertEquals(1, ch.id());
  }

  @Test
  void trySendAndTryRecv() throws Exception {
    ChannelHandle ch = Channels.create(testKit.system(), 1, 2);
    assertEquals(Optional.empty(), await(ch.tryRecvAsync()));
    assertTrue(await(ch.trySendAsync(7)));
    assertFalse(await(ch.trySendAsync(8)));
    assertEquals(Optional.of(7), await(ch.tryRecvAsync()));
  }

  @Test
  void closedChannel() throws Exception {
    ChannelHandle ch = Channels.create(testKit.system(), 1, 3);
    await(ch.sendAsync("kept"));
    assertFalse(ch.isClosed());
    ch.close();
    assertTrue(ch.isClosed());
    CompletableFuture<Void> failed = ch.sendAsync("lost").toCompletableFuture();
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> failed.get(10, TimeUnit.SECONDS));
    assertInstanceOf(ChannelClosedException.class, e.getCause());
    assertEquals("send: channel is closed", e.getCause().getMessage());
    assertEquals(Optional.of("kept"), await(ch.recvAsync()));
    assertEquals(Optional.empty(), await(ch.recvAsync()));
  }

  @Test
  void closeByRawMessageSetsTheFlag() throws Exception {
    ChannelHandle ch = Channels.create(testKit.system(), 0, 4);
    ch.ref().tell(org.omnilisp.channels.api.ChannelProtocol.Close.INSTANCE);
    assertEquals(Optional.empty(), await(ch.recvAsync())); // processed after the Close
    assertTrue(ch.isClosed());
  }
}
