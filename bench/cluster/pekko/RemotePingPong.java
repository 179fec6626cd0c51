import com.typesafe.config.ConfigFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.ByteBufferSerializer;
import org.apache.pekko.serialization.JSerializer;

/**
 * The raw Pekko peer of bench/cluster: two typed ActorSystems in two processes, request/reply over
 * Artery TCP on loopback, N round trips (a Ping with the reply-to reference, a Long back).
 * Times N round trips after N/10 of warm-up. Usage: RemotePingPong pong PORT | RemotePingPong ping
 * PORT N
 */
public final class RemotePingPong {
  /** The request: a number and where to answer. */
  public record Ping(long n, ActorRef<Long> replyTo) {}

  /**
   * Ping's binary form (a long and the reference's string), in the cluster module's serializer's
   * style: straight into Artery's buffer (ByteBufferSerializer), the reference's bytes cached on the
   * writing side and its resolution on the reading side.
   */
  public static final class PingSerializer extends JSerializer implements ByteBufferSerializer {
    private final ActorRefResolver resolver;
    private final Map<ActorRef<?>, byte[]> refBytes = new ConcurrentHashMap<>();
    private final Map<String, ActorRef<Long>> refs = new ConcurrentHashMap<>();

    public PingSerializer(ExtendedActorSystem system) {
      resolver = ActorRefResolver.get(Adapter.toTyped(system));
    }

    @Override
    public int identifier() {
      return 7499;
    }

    @Override
    public boolean includeManifest() {
      return false;
    }

    @Override
    public void toBinary(Object o, ByteBuffer out) {
      Ping p = (Ping) o;
      ByteOrder order = out.order();
      out.order(ByteOrder.BIG_ENDIAN);
      out.putLong(p.n());
      byte[] ref =
          refBytes.computeIfAbsent(
              p.replyTo(),
              r -> resolver.toSerializationFormat(r).getBytes(StandardCharsets.UTF_8));
      out.putInt(ref.length);
      out.put(ref);
      out.order(order);
    }

    @Override
    public byte[] toBinary(Object o) {
      ByteBuffer buffer = ByteBuffer.allocate(1024);
      toBinary(o, buffer);
      byte[] bytes = new byte[buffer.position()];
      buffer.flip().get(bytes);
      return bytes;
    }

    @Override
    public Object fromBinary(ByteBuffer in, String manifest) {
      ByteOrder order = in.order();
      in.order(ByteOrder.BIG_ENDIAN);
      long n = in.getLong();
      byte[] ref = new byte[in.getInt()];
      in.get(ref);
      in.order(order);
      return new Ping(
          n,
          refs.computeIfAbsent(
              new String(ref, StandardCharsets.UTF_8), resolver::<Long>resolveActorRef));
    }

    @Override
    public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
      return fromBinary(ByteBuffer.wrap(bytes), "");
    }
  }

  private static com.typesafe.config.Config config(int port) {
    return ConfigFactory.parseString(
            "pekko.actor.provider = remote\n"
                + "pekko.remote.artery.transport = tcp\n"
                + "pekko.remote.artery.canonical.hostname = 127.0.0.1\n"
                + "pekko.remote.artery.canonical.port = "
                + port
                + "\n"
                + "pekko.loglevel = WARNING\n"
                + "pekko.actor.serializers.ping = \"RemotePingPong$PingSerializer\"\n"
                + "pekko.actor.serialization-bindings { \"RemotePingPong$Ping\" = ping }\n")
        .withFallback(ConfigFactory.load());
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[1]);
    if (args[0].equals("pong")) {
      Behavior<Ping> pong =
          Behaviors.receiveMessage(
              p -> {
                p.replyTo().tell(p.n());
                return p.n() < 0 ? Behaviors.stopped() : Behaviors.same();
              });
      ActorSystem<Ping> system = ActorSystem.create(pong, "pong", config(port));
      system.getWhenTerminated().toCompletableFuture().join();
      return;
    }
    long n = Long.parseLong(args[2]);
    long warm = n / 10;
    long[] t0 = new long[1];
    CountDownLatch done = new CountDownLatch(1);
    String path = "pekko://pong@127.0.0.1:" + port + "/user";
    Behavior<Long> ping =
        Behaviors.setup(
            ctx -> {
              ActorRef<Ping> target = ActorRefResolver.get(ctx.getSystem()).resolveActorRef(path);
              target.tell(new Ping(0, ctx.getSelf()));
              return Behaviors.receiveMessage(
                  i -> {
                    if (i < 0) {
                      done.countDown();
                      return Behaviors.stopped();
                    }
                    if (i == warm) {
                      t0[0] = System.nanoTime(); // after N/10 round trips of warm-up
                    }
                    target.tell(new Ping(i < warm + n ? i + 1 : -1, ctx.getSelf()));
                    return Behaviors.same();
                  });
            });
    ActorSystem<Long> system = ActorSystem.create(ping, "ping", config(0));
    done.await();
    long ms = Math.max(1, (System.nanoTime() - t0[0]) / 1_000_000);
    System.out.println(
        "raw pekko remote ping-pong: " + n + " round trips in " + ms + " ms: " + n * 1000 / ms
            + " round trips/s");
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }
}
