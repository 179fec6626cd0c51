import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;

/** JDK virtual threads skynet: 10-ary tree of virtual threads, 1,000,000 leaves, each level joins its children. */
public final class Skynet {
  static long skynet(long num, long size) throws Exception {
    if (size == 1) {
      return num;
    }
    long child = size / 10;
    @SuppressWarnings("unchecked")
    FutureTask<Long>[] kids = new FutureTask[10];
    for (int i = 0; i < 10; i++) {
      long sub = num + i * child;
      kids[i] = new FutureTask<>((Callable<Long>) () -> skynet(sub, child));
      Thread.ofVirtual().start(kids[i]);
    }
    long sum = 0;
    for (FutureTask<Long> k : kids) {
      sum += k.get();
    }
    return sum;
  }

  public static void main(String[] args) throws Exception {
    System.out.println(skynet(0, Long.parseLong(args[0])));
  }
}
