package org.omnilisp.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.interp.Interpreter;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Procedure;

/**
 * The main program's host looks for an interruption without ending the slice while direct-style
 * code holds a deep Java stack ({@link Machine#lookForInterrupts}, {@link Machine#DEEP}); shallow
 * code and hosts that do not look end every slice, and a pending interruption ends it anyway.
 */
@Timeout(60)
class MainHostSliceTest {
  private static final String DEFINITIONS =
      "(define (spin n) (if (= n 0) 0 (spin (- n 1))))"
          + "(define (deep d n) (if (= d 0) (spin n) (+ 1 (deep (- d 1) n))))";

  private final Interpreter interp = new Interpreter(System.out);

  MainHostSliceTest() {
    interp.eval(DEFINITIONS, "t");
  }

  private Procedure proc(String name) {
    return (Procedure) interp.lookup(name);
  }

  /**
   * How many calls of {@code deep} (run by the tree: each takes its body's depth in levels) put the
   * direct-style stack halfway between {@link Machine#DEEP} and the whole budget, whatever {@code
   * -Domnilisp.directStack} says.
   */
  private long deepLevels() {
    int perCall = ((Closure) proc("deep")).lambda.depth * Direct.TREE_LEVEL;
    return (Machine.DEEP + Direct.MAX_DEPTH) / 2 / perCall;
  }

  /** A budget of steps that the descent to {@code levels} calls fits in. */
  private static long budget(long levels) {
    return Math.max(1000, 2 * levels);
  }

  /**
   * Runs {@code m} to its end on budgets of {@code budget} steps; returns how many slices ended.
   */
  private static int slicesEnded(Machine m, long budget, long expected) {
    int slices = 0;
    while (true) {
      Machine.Status s = m.run(budget);
      if (s == Machine.Status.DONE) {
        assertEquals(expected, m.value);
        return slices;
      }
      assertEquals(Machine.Status.SLICE, s);
      slices++;
    }
  }

  @Test
  void deepDirectCodeGoesOnThroughLooks() {
    // deeper than DEEP, then 250 budgets' worth of turns of a loop
    long levels = deepLevels();
    Machine m = Machine.forCall(interp, proc("deep"), levels, 250 * budget(levels));
    m.lookForInterrupts(budget(levels), () -> false);
    int slices = slicesEnded(m, budget(levels), levels);
    assertTrue(slices < 20, "slices ended: " + slices);
  }

  @Test
  void withoutLooksEverySliceEnds() {
    long levels = deepLevels();
    Machine m = Machine.forCall(interp, proc("deep"), levels, 250 * budget(levels));
    int slices = slicesEnded(m, budget(levels), levels);
    assertTrue(slices >= 200, "slices ended: " + slices);
  }

  @Test
  void aPendingInterruptionEndsTheSlice() {
    long levels = deepLevels();
    Machine m = Machine.forCall(interp, proc("deep"), levels, 250 * budget(levels));
    m.lookForInterrupts(budget(levels), () -> true);
    int slices = slicesEnded(m, budget(levels), levels);
    assertTrue(slices >= 200, "slices ended: " + slices);
  }

  @Test
  void shallowCodeEndsItsSlices() {
    Machine m = Machine.forCall(interp, proc("spin"), 250_000L);
    m.lookForInterrupts(1000, () -> false);
    int slices = slicesEnded(m, 1000, 0L);
    assertTrue(slices >= 200, "slices ended: " + slices);
  }

  @Test
  void anInterruptionStopsDeepDirectCode() throws Exception {
    CountDownLatch deepNow = new CountDownLatch(1);
    interp.define(
        "at-the-bottom",
        Primitive.of0(
            "at-the-bottom",
            () -> {
              deepNow.countDown();
              return 0L;
            }));
    interp.eval(
        "(define (deep-forever d)"
            + "  (if (= d 0) (begin (at-the-bottom) (spin -1)) (+ 1 (deep-forever (- d 1)))))",
        "t");
    BlockingHost host = new BlockingHost();
    ExecutorService
        thread = // a daemon: should the interruption fail, the spin does not outlive the run
        Executors.newSingleThreadExecutor(
                r -> {
                  Thread t = new Thread(r, "deep-forever");
                  t.setDaemon(true);
                  return t;
                });
    try {
      Future<Object> run =
          thread.submit(
              () -> host.run(Machine.forCall(interp, proc("deep-forever"), deepLevels())));
      assertTrue(deepNow.await(30, TimeUnit.SECONDS));
      host.interrupt("stop");
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> run.get(30, TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof LispThrow t && "stop".equals(t.payload()), e.toString());
    } finally {
      thread.shutdownNow();
    }
  }
}
