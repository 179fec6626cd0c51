package org.omnilisp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.omnilisp.api.OmniLisp;

/**
 * The parking rule of LANGUAGE.md §12: fibers waiting on I/O hold no thread. 2,000 fibers each
 * parked in a {@code read-line} on its own connection, on a fiber pool of 2 threads, while another
 * fiber still runs to its end; the JVM's thread count does not grow with the connections.
 */
class IoParkingTest {
  private static int threads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  private static String threadNames() {
    StringBuilder s = new StringBuilder();
    Thread.getAllStackTraces().keySet().forEach(t -> s.append(t.getName()).append(", "));
    return s.toString();
  }

  private static long evalLong(OmniLisp lisp, String source) {
    return (Long) lisp.evalHere(source, "test");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void twoThousandParkedReadersHoldNoThreads() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OmniLisp lisp = OmniLisp.create(new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
      lisp.setPoolSize(2);
      lisp.evalHere(
          """
          (define l (tcp-listen 0))
          (define port (tcp-listener-port l))
          (define conns (chan 5000))
          (define acceptor
            (spawn (fiber (let loop () (send conns (tcp-accept l)) (loop)))))
          (define (open-readers n)
            (let ((fs (map (lambda (i)
                             (spawn (fiber (let ((c (tcp-connect "127.0.0.1" port)))
                                             (send conns-client c)
                                             (read-line c)))))
                           (range n))))
              (for-each (lambda (i) (recv conns-client)) (range n)) ; every one is connected
              fs))
          (define conns-client (chan 5000))
          (define (parked-count fs)
            (length (filter (lambda (f) (eq? (fiber-state f) 'parked)) fs)))
          (define (wait-parked fs n)
            (let loop () (unless (= (parked-count fs) n) (sleep 5) (loop))))
          """,
          "setup");
      lisp.evalHere("(define first (open-readers 100)) (wait-parked first 100)", "first");
      int before = threads();
      lisp.evalHere("(define more (open-readers 1900)) (wait-parked more 1900)", "more");
      int after = threads();
      assertTrue(
          after - before < 16,
          "threads grew from "
              + before
              + " to "
              + after
              + " with 1,900 more connections: "
              + threadNames());
      // every reader is parked, yet another fiber still runs on the pool of two
      assertEquals(2000L, evalLong(lisp, "(parked-count (append first more))"));
      assertEquals(
          50005000L,
          evalLong(
              lisp,
              "(join (spawn (fiber (let loop ((i 0) (s 0)) (if (> i 10000) s (loop (+ i 1) (+ s i)))))))"));
      // answer every server-side connection: each parked reader wakes with its line
      assertEquals(
          "()",
          org.omnilisp.lang.Printer.write(
              lisp.evalHere(
                  """
              (let loop ((k 0))
                (when (< k 2000)
                  (let ((c (recv conns))) (write-string "hi\\n" c))
                  (loop (+ k 1))))
              (filter (lambda (x) (not (equal? x "hi"))) (map join (append first more)))
              """,
                  "answers")));
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aLargeFileStreamsThroughReadLineInConstantMemory(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("big.txt");
    String line = "x".repeat(99) + "\n";
    long lines = 1_000_000; // 100 MB
    try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (long i = 0; i < lines; i++) {
        out.write(line);
      }
    }
    try (OmniLisp lisp = OmniLisp.create(new PrintStream(new ByteArrayOutputStream()))) {
      String count =
          """
          (call-with-input-file PATH
            (lambda (p)
              (let loop ((n 0) (bytes 0))
                (let ((line (read-line p)))
                  (if (eof-object? line) (list n bytes) (loop (+ n 1) (+ bytes (string-length line))))))))
          """
              .replace("PATH", "\"" + file + "\"");
      Runtime rt = Runtime.getRuntime();
      // main program (blocking host), then the same in a fiber (parks on the I/O dispatcher)
      Object main = lisp.evalHere(count, "main");
      Object inFiber = lisp.evalHere("(join (spawn (fiber " + count + ")))", "fiber");
      assertEquals("(1000000 99000000)", org.omnilisp.lang.Printer.write(main));
      assertEquals("(1000000 99000000)", org.omnilisp.lang.Printer.write(inFiber));
      rt.gc();
      long used = rt.totalMemory() - rt.freeMemory();
      assertTrue(used < 64L * 1024 * 1024, "heap in use after streaming: " + used);
    }
  }
}
