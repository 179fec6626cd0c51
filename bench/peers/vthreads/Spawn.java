import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;

/** JDK virtual threads: start n virtual threads, each returning its index; join all, print the sum. */
public final class Spawn {
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    @SuppressWarnings("unchecked")
    FutureTask<Long>[] tasks = new FutureTask[n];
    for (int i = 0; i < n; i++) {
      long idx = i;
      tasks[i] = new FutureTask<>((Callable<Long>) () -> idx);
      Thread.ofVirtual().start(tasks[i]);
    }
    long sum = 0;
    for (FutureTask<Long> t : tasks) {
      sum += t.get();
    }
    System.out.println(sum);
  }
}
