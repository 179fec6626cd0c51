import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Raw Pekko typed actors: n round trips between a pinger (the root) and a ponger. */
public final class PekkoPingPong {
  record Ping(long i, ActorRef<Long> replyTo) {}

  static final Behavior<Ping> PONGER = Behaviors.receiveMessage(p -> {
    p.replyTo().tell(p.i());
    return Behaviors.same();
  });

  static Behavior<Long> root(long n) {
    return Behaviors.setup(ctx -> {
      ActorRef<Ping> ponger = ctx.spawn(PONGER, "ponger");
      ponger.tell(new Ping(0, ctx.getSelf()));
      long[] count = new long[1];
      return Behaviors.receiveMessage(v -> {
        if (++count[0] == n) {
          System.out.println(count[0]);
          return Behaviors.stopped();
        }
        ponger.tell(new Ping(count[0], ctx.getSelf()));
        return Behaviors.same();
      });
    });
  }

  public static void main(String[] args) throws Exception {
    ActorSystem<Long> system = ActorSystem.create(root(Long.parseLong(args[0])), "pingpong");
    system.getWhenTerminated().toCompletableFuture().get();
  }
}
