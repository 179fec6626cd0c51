package org.omnilisp.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code omni -p N} is checked like {@code set-fiber-pool-size!}: a size that is not an integer
 * from 1 to 1024 is refused with a message naming the value and exit status 2, before anything runs
 * (32768 was accepted, and the first spawn failed with an internal error).
 */
@Timeout(120)
class PoolSizeOptionTest {
  private record Run(int status, String out, String err) {}

  private static Run omni(String... args) throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.java(),
                "-cp",
                System.getProperty("java.class.path"),
                "org.omnilisp.runner.Main"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "omni did not end");
    return new Run(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  private static final class Path {
    static String java() {
      return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
  }

  @Test
  void aTooLargePoolIsRefused() throws Exception {
    Run r = omni("-p", "32768", "-e", "(join (spawn (fiber 1)))");
    assertEquals(2, r.status(), r.err());
    assertEquals("", r.out());
    assertEquals(
        "omni: --pool-size must be a positive integer (at most 1024), got 32768\n", r.err());
  }

  @Test
  void zeroNegativeAndNonNumbersAreRefused() throws Exception {
    for (String bad : List.of("0", "-3", "two", "1025", "99999999999")) {
      Run r = omni("--pool-size=" + bad, "-e", "1");
      assertEquals(2, r.status(), bad + ": " + r.err());
      assertTrue(r.err().contains("got " + bad), r.err());
    }
  }

  @Test
  void theLargestPoolRuns() throws Exception {
    Run r = omni("-p", "1024", "-e", "(println (join (spawn (fiber (fiber-pool-size)))))");
    assertEquals(0, r.status(), r.err());
    assertEquals("1024\n", r.out());
  }
}
