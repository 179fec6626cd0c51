import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;

/**
 * JDK virtual threads: park n virtual threads on one latch, print "parked n", hold 3 s
 * (bench/run measures the live heap meanwhile), release, join, print the sum of indices.
 */
public final class Parked {
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch ready = new CountDownLatch(n);
    @SuppressWarnings("unchecked")
    FutureTask<Long>[] tasks = new FutureTask[n];
    for (int i = 0; i < n; i++) {
      long idx = i;
      tasks[i] = new FutureTask<>((Callable<Long>) () -> {
        ready.countDown();
        gate.await();
        return idx;
      });
      Thread.ofVirtual().start(tasks[i]);
    }
    ready.await();
    Thread.sleep(200);
    System.out.println("parked " + n);
    Thread.sleep(3000);
    gate.countDown();
    long sum = 0;
    for (FutureTask<Long> t : tasks) {
      sum += t.get();
    }
    System.out.println(sum);
  }
}
