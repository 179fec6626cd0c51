package org.omnilisp.fibers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LANGUAGE.md §7: after {@code with-fibers} returns or raises, none of its fibers is running. So
 * right after the call returns (no polling) the runtime has no live fiber, and every fiber the
 * scope ever spawned, down to grandchildren parked on channels, timers, joins and locks, has
 * finished.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScopeLeakTest {
  private static final int ROUNDS = 5;

  /**
   * {@code (tracked thunk)} spawns a fiber and remembers it; {@code (grandchildren)} spawns, from a
   * child fiber, grandchildren parked in every way that never completes by itself.
   */
  private static final String PRELUDE =
      "(define all (atomic '()))"
          + "(define (tracked thunk)"
          + "  (let ((f (spawn (fiber (thunk)))))"
          + "    (atomic-swap! all (lambda (l) (cons f l)))"
          + "    f))"
          + "(define (all-finished?)"
          + "  (reduce (lambda (acc f) (and acc (member (fiber-state f) '(done failed canceled))))"
          + "          true (atomic-get all)))"
          + "(define (states) (map fiber-state (atomic-get all)))"
          + "(define forever (chan))"
          + "(define m (mutex))"
          + "(define (grandchildren)"
          + "  (tracked (lambda ()"
          + "    (tracked (lambda () (recv forever)))"
          + "    (tracked (lambda () (send forever 'x)))"
          + "    (tracked (lambda () (sleep 1000000)))"
          + "    (tracked (lambda () (select ((recv forever) v v) ((timeout 1000000) 't))))"
          + "    (tracked (lambda () (select ((recv forever) v v) ((send forever 1) 's))))"
          + "    (tracked (lambda () (mutex-lock! m) (mutex-unlock! m)))"
          + "    (let ((p (tracked (lambda () (recv forever)))))"
          + "      (tracked (lambda () (join p))))"
          + "    (tracked (lambda () (let loop () (if (canceled?) 'stopped (begin (yield) (loop))))))"
          + "    (recv forever))))";

  private KitRuntime kit;

  private void start(int poolSize) {
    kit = new KitRuntime();
    kit.runtime.setPoolSize(poolSize);
    eval(PRELUDE);
    eval("(mutex-lock! m)"); // held by the main program for the whole test: lockers park
  }

  @AfterEach
  void tearDown() {
    if (kit != null) {
      kit.close();
    }
  }

  private void eval(String src) {
    kit.eval(src);
  }

  private String evalW(String src) {
    return kit.eval(src);
  }

  private void assertNothingLeft(String what) {
    assertTrue(
        kit.runtime.liveFibers().isEmpty(),
        () -> what + ": live fibers after with-fibers returned: " + evalW("(fibers)"));
    assertEquals(
        "true", evalW("(if (all-finished?) true false)"), () -> what + ": " + evalW("(states)"));
    eval("(atomic-set! all '())");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void normalExit(int pool) {
    start(pool);
    for (int i = 0; i < ROUNDS; i++) {
      String r =
          evalW(
              "(with-fibers"
                  // two values for two receivers, buffered: whichever order they come in,
                  // every fiber finishes
                  + "  (define c (chan 2))"
                  + "  (tracked (lambda ()"
                  + "    (tracked (lambda () (sleep 5) (send c 'a) (send c 'b))) (sleep 3) 1))"
                  + "  (tracked (lambda () (tracked (lambda () (recv c))) 2))"
                  + "  (tracked (lambda () (select ((recv c) v v) ((timeout 10) 'timeout))))"
                  + "  (tracked (lambda () (with-fibers (tracked (lambda () (sleep 2) 'inner)))))"
                  + "  'body)");
      assertEquals("body", r);
      assertNothingLeft("normal exit");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void aFiberFails(int pool) {
    start(pool);
    for (int i = 0; i < ROUNDS; i++) {
      String r =
          evalW(
              "(try (with-fibers"
                  + "       (grandchildren)"
                  + "       (tracked (lambda () (sleep 5) (error \"fiber-boom\")))"
                  + "       'body)"
                  + "  (catch e (error-message e)))");
      assertEquals("\"fiber-boom\"", r);
      assertNothingLeft("fiber error");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void aFiberFailsWhileTheBodyIsStillRunning(int pool) {
    start(pool);
    for (int i = 0; i < ROUNDS; i++) {
      String r =
          evalW(
              "(try (with-fibers"
                  + "       (grandchildren)"
                  + "       (tracked (lambda () (error \"early\")))"
                  + "       (sleep 20)"
                  + "       'body)"
                  + "  (catch e (error-message e)))");
      assertEquals("\"early\"", r);
      assertNothingLeft("fiber error during body");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void theBodyRaises(int pool) {
    start(pool);
    for (int i = 0; i < ROUNDS; i++) {
      String r =
          evalW(
              "(try (with-fibers"
                  + "       (grandchildren)"
                  + "       (grandchildren)"
                  + "       (sleep 2)"
                  + "       (error \"body-boom\"))"
                  + "  (catch e (error-message e)))");
      assertEquals("\"body-boom\"", r);
      assertNothingLeft("body error");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void theOwnerIsCanceledWhileItsBodyIsParked(int pool) throws Exception {
    start(pool);
    for (int i = 0; i < ROUNDS; i++) {
      eval(
          "(define owner (spawn (fiber"
              + "  (with-fibers (grandchildren) (grandchildren) (recv forever) 'body))))");
      awaitSomeParked(SURELY_PARKED);
      eval("(cancel owner)");
      assertEquals("\"canceled\"", evalW("(try (join owner) (catch e (error-message e)))"));
      assertEquals("canceled", evalW("(fiber-state owner)"));
      assertNothingLeft("owner canceled in body");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void theOwnerIsCanceledWhileItWaitsForTheScope(int pool) throws Exception {
    start(pool);
    for (int i = 0; i < ROUNDS; i++) {
      eval("(define owner (spawn (fiber (with-fibers (grandchildren) (grandchildren) 'body))))");
      awaitSomeParked(SURELY_PARKED);
      eval("(cancel owner)");
      assertEquals("\"canceled\"", evalW("(try (join owner) (catch e (error-message e)))"));
      assertNothingLeft("owner canceled while waiting");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void nestedScopesInsideAFailingScope(int pool) {
    start(pool);
    for (int i = 0; i < ROUNDS; i++) {
      String r =
          evalW(
              "(try (with-fibers"
                  + "       (tracked (lambda () (with-fibers (grandchildren) (recv forever))))"
                  + "       (tracked (lambda ()"
                  + "         (with-fibers (tracked (lambda () (sleep 5) (error \"deep\"))))))"
                  + "       'body)"
                  + "  (catch e (error-message e)))");
      assertEquals("\"deep\"", r);
      assertNothingLeft("nested");
    }
  }

  /**
   * How many fibers are surely parked once two {@code (grandchildren)} have settled: the two
   * sleepers, the scope's owner, and at least four of the eight receivers (only four senders can
   * meet them, and a send meets a parked receiver at once, without parking itself).
   */
  private static final int SURELY_PARKED = 7;

  /** Waits (bounded, failing on timeout) until at least {@code n} fibers are parked. */
  private void awaitSomeParked(int n) throws InterruptedException {
    kit.awaitParked(n, "");
  }
}
