package org.omnilisp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.omnilisp.api.OmniLisp;

/**
 * Nothing leaks (issue 12, docs/language.md "Ports and fibers: who closes what"): 200 fibers each
 * open a file and a TCP connection and park in a read; canceling them closes every file and socket
 * they opened, which the process's open file descriptors show ({@code /proc/self/fd}).
 */
class IoCleanupTest {
  private static long openFds() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  /**
   * Waits (bounded) until the descriptors count is at most {@code limit}; returns the last count.
   */
  private static long waitForFds(long limit) throws IOException, InterruptedException {
    long n = openFds();
    for (int i = 0; i < 200 && n > limit; i++) { // sockets close asynchronously in Pekko IO
      Thread.sleep(50);
      n = openFds();
    }
    return n;
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void canceledFibersCloseTheirFilesAndSockets(@TempDir Path dir) throws Exception {
    if (!Files.isDirectory(Path.of("/proc/self/fd"))) {
      return; // not Linux: nothing to count
    }
    Path file = dir.resolve("data.txt");
    Files.writeString(file, "line\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OmniLisp lisp = OmniLisp.create(new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
      lisp.evalHere(
          """
          (define l (tcp-listen 0))
          (define port (tcp-listener-port l))
          (define server-sides (chan 1000))
          (define acceptor
            (spawn (fiber (let loop () (send server-sides (tcp-accept l)) (loop)))))
          (define opened (chan 1000))
          (define (open-holders n path)
            (let ((fs (map (lambda (i)
                             (spawn (fiber (let ((f (open-input-file path))
                                                 (c (tcp-connect "127.0.0.1" port)))
                                             (send opened (list f c))
                                             (read-line c)))))
                           (range n))))
              (map (lambda (i) (recv opened)) (range n))
              fs))
          (define (wait-parked fs)
            (let loop ()
              (unless (every? (lambda (f) (eq? (fiber-state f) 'parked)) fs) (sleep 5) (loop))))
          (define (every? p xs) (or (null? xs) (and (p (car xs)) (every? p (cdr xs)))))
          ; warm up: the runtime's own sockets and threads exist before counting
          (define warm (open-holders 1 %s))
          (wait-parked warm)
          (for-each cancel warm)
          (for-each (lambda (f) (try (join f) (catch e e))) warm)
          (close-port (recv server-sides))
          """
              .formatted(lispString(file)),
          "setup");
      long before = waitForFds(Long.MAX_VALUE);
      lisp.evalHere(
          "(define holders (open-holders 200 %s)) (wait-parked holders)"
              .formatted(lispString(file)),
          "open");
      long during = openFds();
      assertTrue(
          during >= before + 400, "200 files and 200 sockets open: " + before + " -> " + during);
      Object canceled =
          lisp.evalHere(
              """
              (for-each cancel holders)
              (length (filter (lambda (f) (equal? (try (join f) (catch e (error-message e)))
                                                  "canceled"))
                              holders))
              """,
              "cancel");
      assertEquals(200L, canceled);
      // the server's sides of the connections read eof: the clients' sockets were closed
      Object eofs =
          lisp.evalHere(
              """
              (length (filter (lambda (i) (let ((s (recv server-sides)))
                                            (let ((r (eof-object? (read-line s))))
                                              (close-port s)
                                              r)))
                              (range 200)))
              """,
              "eofs");
      assertEquals(200L, eofs);
      long after = waitForFds(before + 10);
      assertTrue(after <= before + 10, "descriptors: " + before + " -> " + during + " -> " + after);
    }
  }

  private static String lispString(Path p) {
    return "\"" + p.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
