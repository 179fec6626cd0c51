import java.util.concurrent.locks.ReentrantLock;

/** Plain Java peer: n uncontended ReentrantLock lock/unlock pairs, counting inside the lock. */
public final class Mutex {
  public static void main(String[] args) throws Exception {
    long n = Long.parseLong(args[0]);
    ReentrantLock lock = new ReentrantLock();
    long[] count = new long[1];
    Thread t = new Thread(() -> {
      for (long i = 0; i < n; i++) {
        lock.lock();
        try {
          count[0]++;
        } finally {
          lock.unlock();
        }
      }
    });
    t.start();
    t.join();
    System.out.println(count[0]);
  }
}
