import java.util.concurrent.SynchronousQueue;

/** JDK virtual threads: n round trips between two virtual threads over two SynchronousQueues. */
public final class PingPong {
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    SynchronousQueue<Integer> ping = new SynchronousQueue<>();
    SynchronousQueue<Integer> pong = new SynchronousQueue<>();
    Thread ponger = Thread.ofVirtual().start(() -> {
      try {
        for (int i = 0; i < n; i++) {
          pong.put(ping.take());
        }
      } catch (InterruptedException e) {
        throw new RuntimeException(e);
      }
    });
    long[] count = new long[1];
    Thread pinger = Thread.ofVirtual().start(() -> {
      try {
        for (int i = 0; i < n; i++) {
          ping.put(i);
          pong.take();
          count[0]++;
        }
      } catch (InterruptedException e) {
        throw new RuntimeException(e);
      }
    });
    pinger.join();
    ponger.join();
    System.out.println(count[0]);
  }
}
