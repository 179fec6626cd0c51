import java.util.Iterator;

/** Plain Java peer for the generator benchmark: an Iterator yielding 0..n-1, summed by a loop. */
public final class Generator {
  public static void main(String[] args) {
    long n = Long.parseLong(args[0]);
    Iterator<Long> gen = new Iterator<>() {
      long i = 0;
      public boolean hasNext() { return i < n; }
      public Long next() { return i++; }
    };
    long sum = 0;
    while (gen.hasNext()) {
      sum += gen.next();
    }
    System.out.println(sum);
  }
}
