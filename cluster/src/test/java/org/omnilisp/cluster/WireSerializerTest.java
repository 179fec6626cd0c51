package org.omnilisp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.cluster.Messages.Reply;
import org.omnilisp.cluster.Messages.Request;
import org.omnilisp.lang.LispArray;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Printer;
import org.omnilisp.lang.Symbol;

/**
 * The serializer's two paths give the same messages: Artery's (into and out of its buffer, which is
 * little-endian and already holds the envelope) and the byte-array one (whose buffer grows for a
 * large value); actor references come back equal, and a cached one is the same object.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WireSerializerTest {
  private static ActorSystem<Void> system;
  private static WireSerializer serializer;
  private static ActorRef<Messages.ProxyEvent> ref;

  @BeforeAll
  static void start() {
    system = ActorSystem.create(Behaviors.empty(), "wire-test");
    serializer = new WireSerializer((ExtendedActorSystem) Adapter.toClassic(system));
    ref = system.systemActorOf(Behaviors.empty(), "proxy", Props.empty());
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  private static Object value() {
    Object list =
        Pair.list(
            1L,
            new BigInteger("123456789012345678901234567890"),
            2.5,
            "héllo",
            Symbol.of("sym"),
            Boolean.TRUE,
            Nil.NIL);
    return new LispArray(new java.util.ArrayList<>(List.of(list, "x".repeat(1000))));
  }

  @Test
  void arteryBufferPathKeepsTheEnvelopeAndTheOrder() {
    ByteBuffer buffer = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putInt(0x01020304); // what the envelope put there first
    serializer.toBinary(new Request(Messages.SEND, 42, value(), ref), buffer);
    assertEquals(ByteOrder.LITTLE_ENDIAN, buffer.order());
    buffer.flip();
    assertEquals(0x01020304, buffer.getInt());
    Request r = (Request) serializer.fromBinary(buffer, "");
    assertEquals(ByteOrder.LITTLE_ENDIAN, buffer.order());
    assertEquals(0, buffer.remaining());
    assertEquals(Messages.SEND, r.kind());
    assertEquals(42, r.op());
    assertEquals(Printer.write(value()), Printer.write(r.value()));
    assertEquals(ref, r.replyTo());
  }

  @Test
  void byteArrayPathGrowsForLargeValuesAndCachesReferences() {
    byte[] bytes = serializer.toBinary(new Request(Messages.RECV, 7, value(), ref));
    Request a = (Request) serializer.fromBinaryJava(bytes, null);
    Request b = (Request) serializer.fromBinaryJava(bytes, null);
    assertEquals(Printer.write(value()), Printer.write(a.value()));
    assertSame(a.replyTo(), b.replyTo());
    Reply reply = (Reply) serializer.fromBinaryJava(serializer.toBinary(new Reply(9, 2, 5L)), null);
    assertEquals(new Reply(9, 2, 5L), reply);
  }
}
