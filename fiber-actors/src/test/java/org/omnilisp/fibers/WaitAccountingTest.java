package org.omnilisp.fibers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.omnilisp.api.LispError;
import org.omnilisp.api.OmniLisp;

/**
 * What the deadlock detector counts stays right through cancels and completed waits: once every
 * fiber has ended, no timer is counted as pending and no fiber as runnable, so a main program that
 * then waits forever gets the {@code deadlock} error instead of hanging.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WaitAccountingTest {
  private OmniLisp lisp;

  @AfterEach
  void tearDown() {
    if (lisp != null) {
      lisp.close();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "(sleep 1000000)",
        "(select ((recv c) v v) ((timeout 1000000) 't))",
        "(select ((recv c) v v) ((send c 1) 's))",
        "(recv c)",
        "(send c 'x)",
        "(join (spawn (fiber (sleep 1000000))))",
        "(with-fibers (spawn (fiber (sleep 1000000))) (recv c))",
      })
  void afterCancelingEveryParkedFiberNothingIsCountedAsPending(String park) throws Exception {
    lisp =
        OmniLisp.create(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    lisp.evalHere(
        "(define c (chan))"
            + "(define fs (map (lambda (i) (spawn (fiber "
            + park
            + "))) (range 5)))"
            + "(sleep 30)"
            + "(for-each cancel fs)"
            + "(for-each (lambda (f) (try (join f) (catch e e))) fs)",
        "t");
    // fibers a canceled join left behind
    lisp.fibers().liveFibers().forEach(FiberTask::cancel);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!lisp.fibers().liveFibers().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(lisp.fibers().liveFibers().isEmpty());
    awaitQuiet();
    LispError e = assertThrows(LispError.class, () -> lisp.evalHere("(recv (chan))", "t"));
    assertTrue(OmniLisp.describe(e).contains("deadlock"), OmniLisp.describe(e));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void aSelectWhoseValueWinsDropsItsTimer(int pool) throws Exception {
    lisp =
        OmniLisp.create(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    lisp.fibers().setPoolSize(pool);
    assertEquals(
        100L,
        lisp.evalHere(
            "(define c (chan))"
                + "(define r (spawn (fiber (let loop ((n 0))"
                + "  (if (= n 100) n"
                + "      (select ((recv c) v (loop (+ n 1))) ((timeout 1000000) 'timeout)))))))"
                + "(for-each (lambda (i) (send c i)) (range 100))"
                + "(join r)",
            "t"));
    awaitQuiet();
    assertEquals(0, lisp.fibers().counters.timers.get());
  }

  /** Waits (bounded) for the counters to settle; fails with what they show. */
  private void awaitQuiet() throws InterruptedException {
    Counters c = lisp.fibers().counters;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!c.quiescent() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(
        c.quiescent(),
        () ->
            "runnable "
                + c.runnable()
                + ", timers "
                + c.timers.get()
                + ", threads "
                + c.threads.get());
  }
}
