import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Raw Pekko typed actors: the root spawns n child actors; child i replies i to the root and
 * stops. The root sums the replies, prints the sum and terminates the system.
 */
public final class PekkoSpawn {
  static Behavior<Long> child(long index, ActorRef<Long> parent) {
    return Behaviors.setup(ctx -> {
      parent.tell(index);
      return Behaviors.stopped();
    });
  }

  static Behavior<Long> root(int n) {
    return Behaviors.setup(ctx -> {
      for (int i = 0; i < n; i++) {
        ctx.spawnAnonymous(child(i, ctx.getSelf()));
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
    ActorSystem<Long> system = ActorSystem.create(root(Integer.parseInt(args[0])), "spawn");
    system.getWhenTerminated().toCompletableFuture().get();
  }
}
