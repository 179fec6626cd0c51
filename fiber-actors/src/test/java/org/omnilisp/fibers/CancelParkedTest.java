package org.omnilisp.fibers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Canceling a fiber parked in each kind of parking operation (LANGUAGE.md §5, §6, §8): the park
 * raises {@code canceled}, the fiber's {@code finally} runs, it ends {@code canceled}, and what it
 * waited on is left in working order (a canceled receiver takes no value, a canceled sender's value
 * is never received, a mutex it waited for can still be locked).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CancelParkedTest {
  private static final String PRELUDE =
      "(define log (atomic '()))"
          + "(define (note x) (atomic-swap! log (lambda (l) (cons x l))))"
          + "(define (victim body-thunk)"
          + "  (spawn (fiber (try (body-thunk) 'not-canceled (finally (note 'finally))))))";

  private KitRuntime kit;

  private void start(int poolSize) {
    kit = new KitRuntime();
    kit.runtime.setPoolSize(poolSize);
    eval(PRELUDE);
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

  /** Waits (bounded) until fiber {@code name} is parked, with the park described as expected. */
  private void awaitParked(String name, String waitsFor) throws InterruptedException {
    kit.awaitParked(name, waitsFor);
  }

  /** Cancels the victim and checks it ends canceled, its finally run. */
  private void cancelAndCheck() {
    eval("(cancel v)");
    assertEquals("\"canceled\"", evalW("(try (join v) (catch e (error-message e)))"));
    assertEquals("canceled", evalW("(fiber-state v)"));
    assertEquals("(finally)", evalW("(atomic-get log)"));
  }

  private void assertNoLiveFibers() {
    assertTrue(kit.runtime.liveFibers().isEmpty(), () -> "live: " + evalW("(fibers)"));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void sleep(int pool) throws Exception {
    start(pool);
    eval("(define v (victim (lambda () (sleep 1000000))))");
    awaitParked("v", "sleep");
    cancelAndCheck();
    assertNoLiveFibers();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void join(int pool) throws Exception {
    start(pool);
    eval("(define target (spawn (fiber (recv (chan)) 'target-done)))");
    eval("(define v (victim (lambda () (join target))))");
    awaitParked("v", "join");
    cancelAndCheck();
    // the joined fiber is not affected
    assertEquals("parked", evalW("(fiber-state target)"));
    eval("(cancel target)");
    assertEquals("canceled", evalW("(try (join target) (catch e (fiber-state target)))"));
    assertNoLiveFibers();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void recvUnbufferedAndBuffered(int pool) throws Exception {
    start(pool);
    for (String mk : new String[] {"(chan)", "(chan 1)", "(chan 16)"}) {
      eval("(atomic-set! log '())");
      eval("(define ch " + mk + ")");
      eval("(define v (victim (lambda () (recv ch))))");
      awaitParked("v", "recv");
      cancelAndCheck();
      // a later value goes to the next receiver, never to the canceled one
      eval("(define r2 (spawn (fiber (recv ch))))");
      eval("(send ch 'later)");
      assertEquals("later", evalW("(join r2)"), mk);
      assertEquals("nothing", evalW("(try-recv ch)"), mk);
      assertNoLiveFibers();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void sendUnbuffered(int pool) throws Exception {
    start(pool);
    eval("(define ch (chan))");
    eval("(define v (victim (lambda () (send ch 'never-received))))");
    awaitParked("v", "send");
    cancelAndCheck();
    assertEquals("nothing", evalW("(try-recv ch)"));
    eval("(define r (spawn (fiber (recv ch))))");
    eval("(send ch 'next)");
    assertEquals("next", evalW("(join r)"));
    eval("(close ch)");
    assertEquals("nothing", evalW("(recv ch)"));
    assertNoLiveFibers();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void sendOnAFullBuffer(int pool) throws Exception {
    start(pool);
    eval("(define ch (chan 1))");
    eval("(send ch 'first)");
    eval("(define v (victim (lambda () (send ch 'never-received))))");
    awaitParked("v", "send");
    cancelAndCheck();
    assertEquals("first", evalW("(recv ch)"));
    assertEquals("nothing", evalW("(try-recv ch)"));
    eval("(send ch 'second)");
    eval("(close ch)");
    assertEquals("(second nothing)", evalW("(list (recv ch) (recv ch))"));
    assertNoLiveFibers();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void selectWithoutTimeout(int pool) throws Exception {
    start(pool);
    eval("(define c1 (chan)) (define c2 (chan))");
    eval(
        "(define v (victim (lambda ()"
            + " (select ((recv c1) x (list 'got x)) ((send c2 'never-received) 'sent)))))");
    awaitParked("v", "");
    cancelAndCheck();
    assertEquals("nothing", evalW("(try-recv c2)"));
    assertEquals("false", evalW("(try-send c1 'x)"), "nobody receives on c1 any more");
    eval("(define r (spawn (fiber (recv c2))))");
    eval("(send c2 'next)");
    assertEquals("next", evalW("(join r)"));
    eval("(define r1 (spawn (fiber (recv c1))))");
    eval("(send c1 'one)");
    assertEquals("one", evalW("(join r1)"));
    assertNoLiveFibers();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void selectWithTimeout(int pool) throws Exception {
    start(pool);
    eval("(define c1 (chan))");
    eval(
        "(define v (victim (lambda ()"
            + " (select ((recv c1) x (list 'got x)) ((timeout 1000000) 'timed-out)))))");
    awaitParked("v", "");
    cancelAndCheck();
    eval("(define r1 (spawn (fiber (recv c1))))");
    eval("(send c1 'one)");
    assertEquals("one", evalW("(join r1)"));
    assertNoLiveFibers();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void mutexLock(int pool) throws Exception {
    start(pool);
    eval("(define m (mutex))");
    eval("(mutex-lock! m)");
    eval("(define v (victim (lambda () (mutex-lock! m) 'locked)))");
    awaitParked("v", "mutex-lock!");
    cancelAndCheck();
    eval("(mutex-unlock! m)");
    assertEquals("ok", evalW("(join (spawn (fiber (mutex-lock! m) (mutex-unlock! m) 'ok)))"));
    eval("(mutex-lock! m) (mutex-unlock! m)");
    assertNoLiveFibers();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void threadJoin(int pool) throws Exception {
    start(pool);
    eval("(define gate (chan))");
    eval("(define t (thread (lambda () (list 'thread (recv gate)))))");
    eval("(define v (victim (lambda () (thread-join t))))");
    awaitParked("v", "thread-join");
    cancelAndCheck();
    eval("(send gate 'go)");
    assertEquals("(thread go)", evalW("(thread-join t)"));
    assertNoLiveFibers();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void parkedInsideAResumedCoroutine(int pool) throws Exception {
    start(pool);
    eval("(define ch (chan))");
    eval(
        "(define v (victim (lambda ()"
            + " (resume (fiber (try (recv ch) (finally (note 'inner-finally))))))))");
    awaitParked("v", "recv");
    eval("(cancel v)");
    assertEquals("\"canceled\"", evalW("(try (join v) (catch e (error-message e)))"));
    assertEquals("canceled", evalW("(fiber-state v)"));
    assertEquals("(finally inner-finally)", evalW("(atomic-get log)"));
    eval("(define r (spawn (fiber (recv ch))))");
    eval("(send ch 'later)");
    assertEquals("later", evalW("(join r)"));
    assertNoLiveFibers();
  }
}
