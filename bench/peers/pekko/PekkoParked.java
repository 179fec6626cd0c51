import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Raw Pekko typed actors: spawn n idle actors, print "parked n", hold 3 s (bench/run measures
 * the live heap meanwhile), then ask each for its index and print the sum.
 */
public final class PekkoParked {
  record Go(ActorRef<Long> replyTo) {}

  static Behavior<Go> idle(long index) {
    return Behaviors.receiveMessage(g -> {
      g.replyTo().tell(index);
      return Behaviors.stopped();
    });
  }

  static Behavior<Long> root(int n) {
    return Behaviors.setup(ctx -> {
      @SuppressWarnings("unchecked")
      ActorRef<Go>[] kids = new ActorRef[n];
      for (int i = 0; i < n; i++) {
        kids[i] = ctx.spawnAnonymous(idle(i));
      }
      System.out.println("parked " + n);
      Thread.sleep(3000); // holds the root's thread only; the children are idle anyway
      for (ActorRef<Go> k : kids) {
        k.tell(new Go(ctx.getSelf()));
      }
      if (n == 0) {
        System.out.println(0);
        return Behaviors.stopped();
      }
      long[] sum = new long[1];
      int[] got = new int[1];
      return Behaviors.receiveMessage(v -> {
        sum[0] += v;
        if (++got[0] == n) {
          System.out.println(sum[0]);
          return Behaviors.stopped();
        }
        return Behaviors.same();
      });
    });
  }

  public static void main(String[] args) throws Exception {
    ActorSystem<Long> system = ActorSystem.create(root(Integer.parseInt(args[0])), "parked");
    system.getWhenTerminated().toCompletableFuture().get();
  }
}
