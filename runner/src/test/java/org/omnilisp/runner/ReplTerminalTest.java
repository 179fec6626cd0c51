package org.omnilisp.runner;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REPL in a real pseudo-terminal: util-linux {@code script} runs {@code omni} on a pty and
 * relays the keys this test types (Ctrl-C is byte 3, Ctrl-D byte 4; the terminal's line discipline
 * turns them into SIGINT and end of input). What the test waits for is always text the REPL
 * computes, never text it echoes, and every wait has a deadline.
 */
@Timeout(400)
class ReplTerminalTest {
  private static final long WAIT_SECONDS = 90;

  @Test
  void ctrlCInterruptsTheEvaluationAndCtrlDExits(@TempDir Path home) throws Exception {
    Assumptions.assumeTrue(ChildOmni.onPath("script"), "util-linux script is not installed");
    // A process started in the background by a non-interactive shell ignores SIGINT, and so do its
    // children: the REPL would never see the Ctrl-C (it then spins in its busy loop for ever).
    Assumptions.assumeFalse(sigintIgnored(), "SIGINT is ignored here (a background job)");
    // a pty that script makes without a terminal around it has no size: give it one
    String omni =
        "stty cols 200 rows 50; exec "
            + ChildOmni.shellLine(ChildOmni.command(List.of("-Xss512k")));
    ProcessBuilder pb = new ProcessBuilder("script", "-q", "-e", "-c", omni, "/dev/null");
    pb.environment().put("TERM", "xterm");
    pb.environment().put("HOME", home.toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    Screen screen = new Screen(p);
    try {
      OutputStream keys = p.getOutputStream();
      screen.await("omni> ");

      type(keys, "(define flag (atomic 0))\r(+ 40 2)\r");
      screen.await("42");
      screen.await("omni> ");

      // A busy loop: interrupted between two slices; its finally clause runs.
      type(
          keys,
          "(begin (println \"lo\" \"oping\") (try (let spin () (spin)) (finally (atomic-set! flag (* 3 5)))))\r");
      screen.await("looping");
      type(keys, "\u0003");
      screen.await(": interrupted");
      type(keys, "(atomic-get flag)\r");
      screen.await("15");
      screen.await("omni> ");

      // A wait (sleep) in the body of a scope: the scope's fiber is canceled, its finally runs.
      type(
          keys,
          "(with-fibers (spawn (fiber (try (sleep 900000) (finally (atomic-set! flag (* 4 4)))))) (println \"wai\" \"ting\") (sleep 900000))\r");
      screen.await("waiting");
      type(keys, "\u0003");
      screen.await(": interrupted");
      type(keys, "(atomic-get flag)\r");
      screen.await("16");
      screen.await("omni> ");

      // The main program waits at the end of a scope for its fibers: they are canceled.
      type(
          keys,
          "(with-fibers (spawn (fiber (try (sleep 900000) (finally (atomic-set! flag (* 2 9)))))) (println \"end \" \"of body\"))\r");
      screen.await("end of body");
      type(keys, "\u0003");
      screen.await(": interrupted");
      type(keys, "(atomic-get flag)\r");
      screen.await("18");
      screen.await("omni> ");

      // Ctrl-C at the prompt clears the line: what was typed is not evaluated.
      type(keys, "(atomic-set! flag 99");
      type(keys, "\u0003");
      type(keys, "(* 1 (atomic-get flag) 1000)\r");
      screen.await("18000");
      screen.await("omni> "); // typed before, the paste would meet the terminal in cooked mode

      // A 5,000-deep pasted form: a value or an error (a stack overflow), and the session goes on.
      String deep = "(list ".repeat(5000) + ")".repeat(5000);
      type(keys, "\u001b[200~" + deep + "\u001b[201~\r");
      type(keys, "(+ 300 21)\r");
      screen.await("321");
      screen.await("omni> ");

      type(keys, "\u0004");
      assertTrue(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "Ctrl-D did not end the REPL");
      assertEquals(0, p.exitValue(), screen.text());
    } finally {
      p.destroyForcibly();
    }
  }

  /** Whether this process ignores SIGINT (Linux: bit 1 of SigIgn in /proc/self/status). */
  private static boolean sigintIgnored() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 0x2) != 0;
      }
    }
    return false;
  }

  private static void type(OutputStream keys, String text) throws IOException {
    keys.write(text.getBytes(StandardCharsets.UTF_8));
    keys.flush();
  }

  /** What the terminal shows, without escape sequences, read on a thread of its own. */
  private static final class Screen {
    private final StringBuilder text = new StringBuilder();
    private final Process process;
    private int seen;

    Screen(Process process) {
      this.process = process;
      InputStream in = process.getInputStream();
      Thread reader =
          new Thread(
              () -> {
                byte[] buf = new byte[8192];
                try {
                  int n;
                  while ((n = in.read(buf)) > 0) {
                    String s = new String(buf, 0, n, StandardCharsets.UTF_8);
                    synchronized (this) {
                      text.append(s);
                      notifyAll();
                    }
                  }
                } catch (IOException e) {
                  // the process ended
                }
              },
              "repl-screen");
      reader.setDaemon(true);
      reader.start();
    }

    synchronized String text() {
      return clean(text.toString());
    }

    /** Waits until {@code needle} appears after what earlier waits have found. */
    synchronized void await(String needle) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (true) {
        String shown = clean(text.toString());
        int at = shown.indexOf(needle, seen);
        if (at >= 0) {
          seen = at + needle.length();
          return;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          String tail = shown.substring(Math.max(seen, shown.length() - 2000));
          fail(
              "no \""
                  + needle
                  + "\" on the terminal; it ends with:\n"
                  + tail
                  + "\nThe REPL's threads:\n"
                  + threadDumps());
        }
        wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }

    /** The thread dumps of the REPL's JVM (under script and sh): where it was when text failed. */
    private String threadDumps() {
      String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
      StringBuilder dumps = new StringBuilder();
      process
          .descendants()
          .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
          .forEach(
              h -> {
                try {
                  Process j =
                      new ProcessBuilder(jcmd, String.valueOf(h.pid()), "Thread.print")
                          .redirectErrorStream(true)
                          .start();
                  dumps.append(new String(j.getInputStream().readAllBytes(), UTF_8));
                  j.waitFor(30, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException e) {
                  dumps.append("(no dump of ").append(h.pid()).append(": ").append(e).append(")\n");
                }
              });
      return dumps.toString();
    }

    private static String clean(String raw) {
      return raw.replaceAll("\u001b\\[[0-9;?<>=]*[ -/]*[@-~]", "")
          .replaceAll("\u001b[()][0-9A-Za-z]", "")
          .replaceAll("\u001b[=>78]", "")
          .replace("\r", "");
    }
  }
}
