package org.omnilisp.fibers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.interp.Interpreter;
import org.omnilisp.machine.Fiber;
import org.omnilisp.machine.FiberState;
import org.omnilisp.machine.Primitive;

/**
 * A fiber on the pool that joins a fiber which has not started yet runs it in place (FiberTask
 * runHereIfUnstarted): the join needs no park and no actor, and the pool's own task for the joined
 * fiber later finds it claimed and does nothing.
 *
 * <p>A fiber spawned by a running fiber waits in its worker's run-next slot, which no other worker
 * can steal while the spawner runs, so the joined fiber is reliably unstarted at the join.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JoinInPlaceTest {
  private final KitRuntime kit = new KitRuntime(); // one per test: JUnit makes an instance each
  private final Interpreter interp = kit.interp;
  private final FiberRuntime runtime = kit.runtime;

  @BeforeEach
  void setUp() {
    // (actors) counts the live fibers that have an actor, i.e. have parked at least once
    interp.define(
        "actors",
        Primitive.of0(
            "actors", () -> runtime.liveFibers().stream().filter(t -> t.actor() != null).count()));
    interp.define(
        "thread-name", Primitive.of0("thread-name", () -> Thread.currentThread().getName()));
  }

  @AfterEach
  void tearDown() {
    kit.close();
  }

  private String eval(String src) {
    return kit.eval(src);
  }

  @Test
  void aJoinedUnstartedFiberRunsOnTheJoinersThreadWithoutAnyPark() {
    // one worker: no idle worker can take the child first (had the join parked instead, the
    // joiner would have an actor, and both counts below would be 1)
    runtime.setPoolSize(1);
    assertEquals(
        "(true 0 0)",
        eval(
            "(join (spawn (fiber"
                + "  (let* ((child (spawn (fiber (list (thread-name) (actors)))))"
                + "         (seen (join child)))"
                + "    (list (equal? (car seen) (thread-name)) (cadr seen) (actors))))))"));
  }

  @Test
  void thePoolsTaskForAFiberRunInPlaceDoesNothing() {
    eval("(define runs 0)");
    eval(
        "(define child #f)"
            + "(join (spawn (fiber"
            + "  (set! child (spawn (fiber (set! runs (+ runs 1)) 'result)))"
            + "  (join child))))");
    Fiber child = (Fiber) interp.eval("child", "t");
    FiberTask task = (FiberTask) child.host();
    task.run(); // what the pool does when it reaches the child's task
    assertEquals("1", eval("runs"));
    assertSame(FiberState.DONE, child.state());
    assertEquals("result", eval("(join child)"));
  }

  @Test
  void anErrorOfAFiberRunInPlaceIsRaisedInTheJoiner() {
    assertEquals(
        "\"boom\"",
        eval(
            "(join (spawn (fiber"
                + "  (try (join (spawn (fiber (error \"boom\"))))"
                + "       (catch e (error-message e))))))"));
  }

  @Test
  void aFiberCanceledBeforeItStartsRaisesCanceledWhenJoinedInPlace() {
    assertEquals(
        "(\"canceled\" canceled)",
        eval(
            "(join (spawn (fiber"
                + "  (let ((child (spawn (fiber (sleep 1) 'finished))))"
                + "    (cancel child)"
                + "    (list (try (join child) (catch e (error-message e)))"
                + "          (fiber-state child))))))"));
  }

  @Test
  void inPlaceJoinsNestAtMostToTheLimitAndDeeperChainsStillAnswer() {
    runtime.setPoolSize(1);
    // (help-depth): how many joins run fibers in place below the caller on its thread
    interp.define(
        "help-depth",
        Primitive.of0(
            "help-depth", () -> (long) ((FiberExecutor.Worker) Thread.currentThread()).helpDepth));
    assertEquals(
        "(500 " + FiberExecutor.MAX_HELP_DEPTH + ")",
        eval(
            "(define (chain n)" // returns (length of the chain, deepest nesting seen)
                + "  (if (= n 0) (list 0 (help-depth))"
                + "      (let* ((here (help-depth))"
                + "             (below (join (spawn (fiber (chain (- n 1)))))))"
                + "        (list (+ 1 (car below)) (max here (cadr below))))))"
                + "(join (spawn (fiber (chain 500))))"));
    assertTrue(runtime.liveFibers().isEmpty());
  }
}
