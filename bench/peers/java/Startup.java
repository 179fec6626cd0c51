/** Plain Java peer for startup: prints (+ 1 2). */
public final class Startup {
  public static void main(String[] args) {
    System.out.println(1 + 2);
  }
}
