import java.util.concurrent.ArrayBlockingQueue;

/** JDK virtual threads: n times, a reply queue of capacity 1, one value put through it and taken. */
public final class ChanRpc {
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    long[] sum = new long[1];
    Thread t = Thread.ofVirtual().start(() -> {
      try {
        long s = 0;
        for (int i = 0; i < n; i++) {
          ArrayBlockingQueue<Long> reply = new ArrayBlockingQueue<>(1);
          reply.put((long) i);
          s += reply.take();
        }
        sum[0] = s;
      } catch (InterruptedException e) {
        throw new RuntimeException(e);
      }
    });
    t.join();
    System.out.println(sum[0]);
  }
}
