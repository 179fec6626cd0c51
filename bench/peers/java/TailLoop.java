/** Plain Java peer: a counting loop summing 0..n-1 (what a tail loop compiles to). */
public final class TailLoop {
  public static void main(String[] args) {
    long n = Long.parseLong(args[0]);
    long sum = 0;
    for (long i = 0; i < n; i++) {
      sum += i;
    }
    System.out.println(sum);
  }
}
