package org.omnilisp.fibers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.omnilisp.api.LispError;
import org.omnilisp.api.OmniLisp;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Printer;
import org.omnilisp.machine.Primitive;

/** {@code set-fiber-pool-size!} changes how many OS threads run fibers (LANGUAGE.md §5). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PoolSizeTest {
  private static final String WORKLOAD =
      "(define (work k)"
          + "  (let loop ((i 0) (acc 0))"
          + "    (when (= 0 (remainder i 500)) (record-thread))"
          + "    (when (= i 3000) (sleep 1))" // a park: from here on the fiber runs in its actor
          + "    (if (= i 6000) (+ acc k) (loop (+ i 1) (+ acc 1)))))"
          + "(define fs (map (lambda (k) (spawn (fiber (work k)))) (range 16)))"
          + "(reduce + 0 (map join fs))";
  private static final long EXPECTED = 16 * 6000 + 120;

  private OmniLisp lisp;
  private final Set<String> threads = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void setUp() {
    lisp =
        OmniLisp.create(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    lisp.interpreter()
        .define(
            "record-thread",
            Primitive.of0(
                "record-thread",
                () -> {
                  threads.add(Thread.currentThread().getName());
                  return Nothing.NOTHING;
                }));
    lisp.fibers().useSlices(200); // many slices: fibers are re-queued and may change threads
  }

  @AfterEach
  void tearDown() {
    lisp.close();
  }

  private Set<String> runWorkload() {
    threads.clear();
    assertEquals(EXPECTED, lisp.evalHere(WORKLOAD, "PoolSizeTest"));
    assertFalse(threads.isEmpty());
    assertFalse(
        threads.contains(Thread.currentThread().getName()), "fibers never run on the main thread");
    return Set.copyOf(threads);
  }

  @Test
  void poolOfOneRunsAllFibersOnOneThreadBeforeTheSystemStarts() {
    lisp.evalHere("(set-fiber-pool-size! 1)", "t");
    assertFalse(lisp.fibers().isStarted());
    assertEquals(1L, lisp.evalHere("(fiber-pool-size)", "t"));
    Set<String> used = runWorkload();
    assertEquals(1, used.size(), () -> "threads that ran fibers: " + used);
  }

  @Test
  void poolSizeChangesAfterTheSystemHasStarted() {
    lisp.evalHere("(set-fiber-pool-size! 3)", "t");
    Set<String> three = runWorkload();
    assertTrue(three.size() > 1, () -> "pool of 3 used only " + three);

    lisp.evalHere("(set-fiber-pool-size! 1)", "t");
    assertEquals(1, lisp.fibers().poolSize());
    Set<String> one = runWorkload();
    assertEquals(1, one.size(), () -> "threads that ran fibers: " + one);

    lisp.evalHere("(set-fiber-pool-size! 3)", "t");
    Set<String> again = runWorkload();
    assertTrue(again.size() > 1, () -> "pool of 3 used only " + again);
  }

  @Test
  void defaultPoolThenOne() {
    runWorkload(); // starts the system on the default pool
    lisp.evalHere("(set-fiber-pool-size! 1)", "t");
    Set<String> one = runWorkload();
    assertEquals(1, one.size(), () -> "threads that ran fibers: " + one);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "\"x\"", "1.5", "'a", "nothing"})
  void invalidSizesAreErrorsAndLeaveTheSizeUnchanged(String arg) {
    lisp.evalHere("(set-fiber-pool-size! 2)", "t");
    LispError e =
        assertThrows(
            LispError.class, () -> lisp.evalHere("(set-fiber-pool-size! " + arg + ")", "t"));
    assertTrue(OmniLisp.describe(e).contains("set-fiber-pool-size!"), OmniLisp.describe(e));
    assertEquals(2L, lisp.evalHere("(fiber-pool-size)", "t"));
    assertEquals(2, lisp.fibers().poolSize());
    // also once the system runs
    assertEquals(EXPECTED, lisp.evalHere(WORKLOAD, "t"));
    assertThrows(LispError.class, () -> lisp.evalHere("(set-fiber-pool-size! " + arg + ")", "t"));
    assertEquals(2L, lisp.evalHere("(fiber-pool-size)", "t"));
    assertEquals(
        "caught",
        Printer.display(
            lisp.evalHere("(try (set-fiber-pool-size! " + arg + ") (catch e 'caught))", "t")));
  }
}
