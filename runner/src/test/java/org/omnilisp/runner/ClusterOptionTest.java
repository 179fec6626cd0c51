package org.omnilisp.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code omni --cluster HOST:PORT [--seed HOST:PORT]}: bad addresses, and two real processes. */
@Timeout(120)
class ClusterOptionTest {
  private record Run(int status, String out, String err) {}

  private static Process start(String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "org.omnilisp.runner.Main"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close();
    return p;
  }

  private static Run finish(Process p) throws Exception {
    CompletableFuture<byte[]> err =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return p.getErrorStream().readAllBytes();
              } catch (IOException e) {
                return new byte[0];
              }
            });
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("omni did not end");
    }
    return new Run(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err.get(), StandardCharsets.UTF_8));
  }

  private static Run omni(String... args) throws Exception {
    return finish(start(args));
  }

  @Test
  void malformedAddressesAreRefused() throws Exception {
    Run r = omni("--cluster", "127.0.0.1:2552", "--seed", "nowhere", "-e", "1");
    assertEquals(2, r.status(), r.err());
    assertEquals("omni: --seed must be HOST:PORT (e.g. 127.0.0.1:2552), got nowhere\n", r.err());
    r = omni("--cluster", "127.0.0.1:99999", "-e", "1");
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains("--cluster must be HOST:PORT"), r.err());
    r = omni("--seed", "127.0.0.1:2552", "-e", "1");
    assertEquals(2, r.status(), r.err());
    assertEquals("omni: --seed needs --cluster HOST:PORT\n", r.err());
  }

  @Test
  void withoutClusterTheProceduresSaySo() throws Exception {
    Run r = omni("-e", "(cluster-self)");
    assertEquals(1, r.status(), r.err());
    assertTrue(r.err().contains("cluster-self: this runtime is not a cluster node"), r.err());
  }

  @Test
  void twoProcessesExchangeOverAPublishedChannel(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path a = dir.resolve("a.omni");
    Files.writeString(
        a,
        "(define in (chan)) (chan-publish \"in\" in)\n"
            + "(define reply (recv in))\n"
            + "(send reply (list 'got (recv in)))\n"
            + "(display (cluster-self)) (newline)\n");
    Path b = dir.resolve("b.omni");
    Files.writeString(
        b,
        "(define in (chan-lookup \"in\" 30000))\n"
            + "(define mine (chan))\n"
            + "(send in mine) (send in 12345678901234567890)\n"
            + "(write (recv mine)) (newline)\n");
    String self = "127.0.0.1:" + port;
    Process pa = start("--cluster", self, a.toString());
    Process pb = start("--cluster", "127.0.0.1:0", "--seed", self, b.toString());
    Run rb = finish(pb);
    Run ra = finish(pa);
    assertEquals(0, rb.status(), rb.err());
    assertEquals("(got 12345678901234567890)\n", rb.out());
    assertEquals(0, ra.status(), ra.err());
    assertEquals(self + "\n", ra.out());
  }

  /**
   * A node whose last act is a {@code close} of another node's channel: the runner lets the close
   * go out (and the node leave) before the process ends, so the receiver parked on the other node
   * sees the channel closed instead of waiting for ever.
   */
  @Test
  void aCloseJustBeforeTheEndReachesTheOtherNode(@TempDir Path dir) throws Exception {
    int port = freePort();
    Path a = dir.resolve("a.omni");
    Files.writeString(
        a, "(define in (chan)) (chan-publish \"in\" in)\n(write (recv in)) (newline)\n");
    Path b = dir.resolve("b.omni");
    Files.writeString(b, "(close (chan-lookup \"in\" 30000))\n");
    String self = "127.0.0.1:" + port;
    Process pa = start("--cluster", self, a.toString());
    Process pb = start("--cluster", "127.0.0.1:0", "--seed", self, b.toString());
    Run rb = finish(pb);
    Run ra = finish(pa);
    assertEquals(0, rb.status(), rb.err());
    assertEquals(0, ra.status(), ra.err());
    assertEquals("nothing\n", ra.out());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Reads lines of {@code p}'s standard output into {@code lines} (a daemon thread). */
  private static java.util.concurrent.BlockingQueue<String> lines(Process p) {
    java.util.concurrent.BlockingQueue<String> lines =
        new java.util.concurrent.LinkedBlockingQueue<>();
    Thread t =
        new Thread(
            () -> {
              try (var r =
                  new java.io.BufferedReader(
                      new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the process ended
              }
            });
    t.setDaemon(true);
    t.start();
    return lines;
  }

  private static void expectLine(java.util.concurrent.BlockingQueue<String> lines, String start)
      throws InterruptedException {
    String line = lines.poll(60, TimeUnit.SECONDS);
    assertTrue(line != null && line.startsWith(start), "expected " + start + ", got " + line);
  }

  /**
   * The example's work queue on three processes; one worker is killed with SIGKILL mid-run: the
   * coordinator notices and the other worker finishes every job.
   */
  @Test
  void aWorkerKilledMidRunLeavesItsJobsToTheOther() throws Exception {
    Path examples = Path.of(System.getProperty("user.dir")).getParent().resolve("examples/cluster");
    String coordinator = "127.0.0.1:" + freePort();
    Process c =
        start("--cluster", coordinator, examples.resolve("coordinator.omni").toString(), "60");
    var cOut = lines(c);
    Process w1 =
        start(
            "--cluster",
            "127.0.0.1:0",
            "--seed",
            coordinator,
            examples.resolve("worker.omni").toString(),
            "400");
    Process w2 =
        start(
            "--cluster",
            "127.0.0.1:0",
            "--seed",
            coordinator,
            examples.resolve("worker.omni").toString(),
            "400");
    try {
      var w1Out = lines(w1);
      var w2Out = lines(w2);
      expectLine(cOut, "coordinator at " + coordinator);
      expectLine(w1Out, "worker 127.0.0.1:");
      expectLine(w2Out, "worker 127.0.0.1:");
      Thread.sleep(800); // both are working (60 jobs of 400 ms on 8 fibers take 3 s)
      w2.destroyForcibly(); // SIGKILL
      assertTrue(c.waitFor(90, TimeUnit.SECONDS), "the coordinator did not finish");
      assertEquals(0, c.exitValue());
      List<String> out = new ArrayList<>();
      cOut.drainTo(out);
      assertTrue(
          out.contains("a worker left; handing out again the jobs not done"), out.toString());
      assertTrue(out.contains("all 60 jobs done; sum of squares 73810"), out.toString());
      assertTrue(w1.waitFor(60, TimeUnit.SECONDS), "the remaining worker did not finish");
      assertEquals(0, w1.exitValue());
    } finally {
      c.destroyForcibly();
      w1.destroyForcibly();
      w2.destroyForcibly();
    }
  }
}
