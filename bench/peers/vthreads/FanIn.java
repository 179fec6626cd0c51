import java.util.concurrent.ArrayBlockingQueue;

/** JDK virtual threads fan-in: p producers each put 0..per-1 into one ArrayBlockingQueue(128); a consumer sums. */
public final class FanIn {
  public static void main(String[] args) throws Exception {
    int producers = Integer.parseInt(args[0]);
    int per = Integer.parseInt(args[1]);
    ArrayBlockingQueue<Long> q = new ArrayBlockingQueue<>(128);
    for (int p = 0; p < producers; p++) {
      Thread.ofVirtual().start(() -> {
        try {
          for (long i = 0; i < per; i++) {
            q.put(i);
          }
        } catch (InterruptedException e) {
          throw new RuntimeException(e);
        }
      });
    }
    long[] sum = new long[1];
    Thread consumer = Thread.ofVirtual().start(() -> {
      try {
        for (long k = 0; k < (long) producers * per; k++) {
          sum[0] += q.take();
        }
      } catch (InterruptedException e) {
        throw new RuntimeException(e);
      }
    });
    consumer.join();
    System.out.println(sum[0]);
  }
}
