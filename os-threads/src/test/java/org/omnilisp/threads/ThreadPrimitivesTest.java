package org.omnilisp.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.interp.Interpreter;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Printer;
import org.omnilisp.lang.Procedure;
import org.omnilisp.machine.BlockingHost;
import org.omnilisp.machine.Host;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.ParkOp;
import org.omnilisp.machine.Waker;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ThreadPrimitivesTest {
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger ended = new AtomicInteger();
  private final List<String> reports = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private Interpreter interp;

  @BeforeEach
  void setUp() {
    interp = new Interpreter(new PrintStream(out, true, StandardCharsets.UTF_8));
    ThreadPrimitives.install(
        interp,
        new ThreadSupport() {
          @Override
          public Host newThreadHost() {
            return new BlockingHost();
          }

          @Override
          public void threadStarted() {
            started.incrementAndGet();
          }

          @Override
          public void threadEnded() {
            ended.incrementAndGet();
          }

          @Override
          public void reportUnjoinedError(String line) {
            reports.add(line);
          }
        });
  }

  private Object eval(String src) {
    return interp.eval(src, "test");
  }

  private String write(String src) {
    return Printer.write(eval(src));
  }

  private void awaitEnded(int n) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (ended.get() < n && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(n, ended.get());
  }

  private String errorOf(String src) {
    LispThrow t = assertThrows(LispThrow.class, () -> eval(src));
    return t.getMessage();
  }

  @Test
  void threadJoinReturnsResultAndCounts() {
    assertEquals(42L, eval("(thread-join (thread (lambda () (* 6 7))))"));
    assertEquals(1, started.get());
    awaitEnded(1); // threadEnded runs just after the joiners are woken
    assertTrue(write("(thread (lambda () 1))").matches("#<thread \\d+>"));
    assertTrue(eval("(thread-id)") instanceof Long);
    assertEquals(
        false,
        eval(
            "(define main-id (thread-id))"
                + "(= main-id (thread-join (thread (lambda () (thread-id)))))"));
  }

  @Test
  void threadJoinReraisesError() {
    assertEquals(
        "boom",
        eval(
            "(define t (thread (lambda () (error \"boom\"))))"
                + "(try (thread-join t) (catch e (error-message e)))"));
    // Joining again raises again.
    assertEquals("boom", errorOf("(thread-join t)"));
    assertEquals("42", errorOf("(thread-join (thread (lambda () (raise 42))))"));
  }

  @Test
  void joinWaitingForSlowThreadIsWokenWithError() {
    // handshake: t fails only once j has begun to join it (else its error is an unjoined one)
    interp.define(
        "joined?",
        org.omnilisp.machine.Primitive.of1("joined?", t -> ((LispThread) t).wasJoined()));
    assertEquals(
        "late",
        eval(
            "(define a (atomic false))"
                + "(define t (thread (lambda () (let loop () (unless (atomic-get a) (loop)))"
                + "  (error \"late\"))))"
                + "(define j (thread (lambda () (try (thread-join t) (catch e (error-message e))))))"
                + "(let wait () (unless (joined? t) (wait)))"
                + "(atomic-set! a true)"
                + "(thread-join j)"));
    assertTrue(reports.isEmpty(), reports.toString());
  }

  @Test
  void unjoinedErrorIsReported() throws Exception {
    eval("(thread (lambda () (error \"nobody\")))");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (reports.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(1, reports.size());
    assertTrue(reports.get(0).matches("thread \\d+ failed: .*nobody"), reports.get(0));
  }

  @Test
  void threadArgumentErrorsNameTheOperation() {
    assertEquals("thread: expected a procedure, got 5", errorOf("(thread 5)"));
    assertEquals("thread-join: expected a thread, got 5", errorOf("(thread-join 5)"));
    assertEquals("atomic-get: expected an atomic, got 5", errorOf("(atomic-get 5)"));
    assertEquals("mutex-lock!: expected a mutex, got 5", errorOf("(mutex-lock! 5)"));
    assertEquals(
        "atomic-swap!: expected a procedure, got 5", errorOf("(atomic-swap! (atomic 1) 5)"));
  }

  @Test
  void atomicBasics() {
    assertEquals("#<atomic \"hi\">", write("(atomic \"hi\")"));
    assertEquals(Nothing.NOTHING, eval("(define a (atomic 1)) (atomic-set! a 2)"));
    assertEquals(2L, eval("(atomic-get a)"));
    assertEquals(true, eval("(atomic-cas! a 2 3)"));
    assertEquals(false, eval("(atomic-cas! a 2 4)"));
    assertEquals(3L, eval("(atomic-get a)"));
    assertEquals(10L, eval("(atomic-swap! a (lambda (x) (+ x 7)))"));
    assertEquals(11L, eval("(atomic-swap! a (lambda (x) (+ x 1)))"));
    assertEquals(12L, eval("(atomic-swap! a 1+)".replace("1+", "(lambda (x) (+ 1 x))")));
  }

  @Test
  void atomicCasComparesNumbersByValue() {
    // Boxed, distinct Long objects (outside the small-value cache) and big integers.
    assertEquals(true, eval("(define a (atomic (* 10 100))) (atomic-cas! a (+ 999 1) (* 2 1000))"));
    assertEquals(2000L, eval("(atomic-get a)"));
    assertEquals(
        true,
        eval(
            "(define b (atomic (* 100000000000 100000000000)))"
                + "(atomic-cas! b (* 100000000000 100000000000) 1)"));
    assertEquals(true, eval("(define c (atomic #\\x)) (atomic-cas! c #\\x 2.5)"));
    assertEquals(true, eval("(atomic-cas! c 2.5 \"s\")"));
    assertEquals(false, eval("(atomic-cas! c \"s\" 0)")); // strings by identity
    assertEquals(false, eval("(define d (atomic 1)) (atomic-cas! d 1.0 0)"));
  }

  private static final String WORKERS =
      "(define (run-workers n work)"
          + "  (let ((ts (map (lambda (i) (thread work)) (range n))))"
          + "    (for-each thread-join ts)))";

  @Test
  void stressAtomicSwap() {
    eval(WORKERS);
    assertEquals(
        80000L,
        eval(
            "(define a (atomic 0))"
                + "(run-workers 8 (lambda () (let loop ((i 0))"
                + "  (when (< i 10000) (atomic-swap! a (lambda (x) (+ x 1))) (loop (+ i 1))))))"
                + "(atomic-get a)"));
  }

  @Test
  void stressCasLoop() {
    eval(WORKERS);
    assertEquals(
        80000L,
        eval(
            "(define a (atomic 0))"
                + "(define (incr!) (let ((old (atomic-get a)))"
                + "  (unless (atomic-cas! a old (+ old 1)) (incr!))))"
                + "(run-workers 8 (lambda () (let loop ((i 0))"
                + "  (when (< i 10000) (incr!) (loop (+ i 1))))))"
                + "(atomic-get a)"));
  }

  @Test
  void stressMutex() {
    eval(WORKERS);
    assertEquals(
        80000L,
        eval(
            "(define m (mutex)) (define counter 0)"
                + "(run-workers 8 (lambda () (let loop ((i 0))"
                + "  (when (< i 10000)"
                + "    (mutex-lock! m) (set! counter (+ counter 1)) (mutex-unlock! m)"
                + "    (loop (+ i 1))))))"
                + "counter"));
    LispMutex m = (LispMutex) interp.lookup("m");
    assertFalse(m.isHeld());
    assertEquals(0, m.queueLength());
    awaitEnded(8);
  }

  @Test
  void mutexErrors() {
    assertEquals("#<mutex>", write("(define m (mutex)) m"));
    assertEquals(
        "mutex-unlock!: the mutex is not held by the caller", errorOf("(mutex-unlock! m)"));
    eval("(mutex-lock! m)");
    assertTrue(errorOf("(mutex-lock! m)").startsWith("mutex-lock!: the mutex is already held"));
    // Another thread may not unlock it.
    assertEquals(
        "mutex-unlock!: the mutex is not held by the caller",
        eval(
            "(thread-join (thread (lambda ()"
                + " (try (mutex-unlock! m) (catch e (error-message e))))))"));
    assertEquals(Nothing.NOTHING, eval("(mutex-unlock! m)"));
    assertEquals(
        "mutex-unlock!: the mutex is not held by the caller", errorOf("(mutex-unlock! m)"));
  }

  @Test
  void mutexHandsOffInFifoOrder() throws Exception {
    eval("(define m (mutex)) (define order '()) (mutex-lock! m)");
    LispMutex m = (LispMutex) interp.lookup("m");
    for (int i = 1; i <= 5; i++) {
      eval(
          "(define t"
              + i
              + " (thread (lambda () (mutex-lock! m) (set! order (cons "
              + i
              + " order)) (mutex-unlock! m))))");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (m.queueLength() < i && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertEquals(i, m.queueLength());
    }
    eval("(mutex-unlock! m)");
    assertEquals("(5 4 3 2 1)", write("(for-each thread-join (list t1 t2 t3 t4 t5)) order"));
    assertFalse(m.isHeld());
  }

  @Test
  void contendedLockParksTheMachineInsteadOfBlocking() {
    // A machine that is not run by a blocking host: the contended lock must come back as PARK.
    eval("(define m (mutex)) (define got '())");
    LispMutex m = (LispMutex) interp.lookup("m");
    Procedure body =
        (Procedure) eval("(lambda () (mutex-lock! m) (set! got 'locked) (mutex-unlock! m) 'ok)");
    // Hold the lock as another owner (an OS thread started in Lisp would do the same).
    eval("(define locker (thread (lambda () (mutex-lock! m) 'held)))");
    assertEquals("held", Printer.write(eval("(thread-join locker)")));
    assertTrue(m.isHeld()); // held by the finished thread's identity

    Machine mach = Machine.forCall(interp, body);
    assertEquals(Machine.Status.PARK, mach.run(Long.MAX_VALUE));
    ParkOp op = mach.parkOp();
    assertInstanceOf(LispMutex.LockOp.class, op);
    AtomicReference<Object> woke = new AtomicReference<>();
    op.start(
        new Waker() {
          @Override
          public void wake(Object value) {
            woke.set(value);
          }

          @Override
          public void fail(Object error) {
            woke.set(error);
          }
        });
    assertNull(woke.get());
    assertEquals(1, m.queueLength());
    // Cancel wins while the waiter was not handed the lock.
    assertTrue(op.cancel());
    assertEquals(0, m.queueLength());
    assertFalse(op.cancel());
  }

  @Test
  void lockOpHandedOffThenResumes() throws Exception {
    eval("(define m (mutex)) (mutex-lock! m)");
    LispMutex m = (LispMutex) interp.lookup("m");
    Procedure body = (Procedure) eval("(lambda () (mutex-lock! m) (mutex-unlock! m) 'done)");
    // Run the machine on another Java thread but park/resume it by hand, like a fiber host.
    AtomicReference<Object> result = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              Machine mach = Machine.forCall(interp, body);
              result.set(new BlockingHost().run(mach));
            });
    t.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (m.queueLength() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    eval("(mutex-unlock! m)");
    t.join(5000);
    assertEquals("done", Printer.write(result.get()));
    assertFalse(m.isHeld());
  }

  @Test
  void fiberOwnsTheLockAcrossJavaThreads() throws Exception {
    // A spawned-fiber machine locks m on one Java thread, parks, and unlocks m on another.
    eval("(define m (mutex)) (define gate (mutex)) (mutex-lock! gate)");
    Procedure thunk =
        (Procedure)
            eval(
                "(lambda () (mutex-lock! m) (mutex-lock! gate) (mutex-unlock! m) (mutex-unlock! gate) 'ok)");
    Machine mach = Machine.forFiber(interp, interp.newFiber(thunk));
    AtomicReference<Machine.Status> first = new AtomicReference<>();
    Thread a = new Thread(() -> first.set(mach.run(Long.MAX_VALUE)));
    a.start();
    a.join(5000);
    assertEquals(Machine.Status.PARK, first.get());
    LispMutex m = (LispMutex) interp.lookup("m");
    assertTrue(m.isHeld());
    AtomicReference<Object> result = new AtomicReference<>();
    Thread[] b = new Thread[1];
    mach.parkOp()
        .start(
            new Waker() {
              @Override
              public void wake(Object value) {
                b[0] =
                    new Thread(
                        () -> {
                          mach.resume(value);
                          Machine.Status st = mach.run(Long.MAX_VALUE);
                          result.set(st == Machine.Status.DONE ? mach.value() : st);
                        });
                b[0].start();
              }

              @Override
              public void fail(Object error) {
                result.set(error);
              }
            });
    eval("(mutex-unlock! gate)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (b[0] == null && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    b[0].join(5000);
    assertEquals("ok", Printer.write(result.get()));
    assertFalse(m.isHeld());
    assertFalse(((LispMutex) interp.lookup("gate")).isHeld());
  }
}
