package org.omnilisp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deadlock detector never reports a wait that something outside the fibers can still end: a
 * channel Java holds, or a pending timer.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DeadlockTrustTest {
  private OmniLisp lisp;

  @AfterEach
  void tearDown() {
    if (lisp != null) {
      lisp.close();
    }
  }

  private static OmniLisp quiet() {
    return OmniLisp.create(
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @Test
  void theMainProgramMayWaitOnAChannelThatJavaWillFeed() {
    lisp = quiet();
    Object c = lisp.channel(0);
    lisp.define("c", c);
    Thread main = Thread.currentThread();
    CompletableFuture<Void> feeder =
        CompletableFuture.runAsync(
            () -> {
              // well past the two quiet checks (100 ms apart) after which a deadlock is reported
              while (main.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
              }
              sleep(800);
              OmniLisp.handle(c).send(42L);
            });
    assertEquals(42L, Values.toJava(lisp.evalHere("(recv c)", "test")));
    feeder.join();
  }

  @Test
  void aSharedChannelThatIsClosedNoLongerCountsAsAWaker() {
    lisp = quiet();
    lisp.define("c", lisp.channel(0));
    LispError e =
        assertThrows(LispError.class, () -> lisp.evalHere("(close c) (recv (chan))", "test"));
    assertTrue(e.getMessage().contains("deadlock"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void aPendingTimerIsNeverReportedAsADeadlock(int poolSize) {
    lisp = quiet();
    lisp.setPoolSize(poolSize);
    Object result =
        lisp.evalHere(
            "(define sleepers '())"
                + "(define (round) (let ((c (chan)))"
                + "  (set! sleepers (cons (spawn (fiber (sleep 600000))) sleepers))"
                + "  (spawn (fiber (sleep 1) (send c 'ok)))"
                + "  (recv c)))"
                + "(define results (map (lambda (i) (round)) (range 200)))"
                + "(for-each cancel sleepers)"
                + "(length (filter (lambda (r) (eq? r 'ok)) results))",
            "test");
    assertEquals(200L, Values.toJava(result));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
