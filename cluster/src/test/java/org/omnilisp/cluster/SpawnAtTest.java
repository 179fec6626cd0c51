package org.omnilisp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.api.LispError;
import org.omnilisp.api.OmniLisp;
import org.omnilisp.lang.Printer;

/** {@code spawn-at} across three nodes: join, errors, cancel, fiber-state, bad input, node down. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpawnAtTest {
  static Nodes nodes;
  static OmniLisp a;
  static OmniLisp b;
  static OmniLisp c;
  static String addressB;

  @BeforeAll
  static void start() throws InterruptedException {
    nodes = new Nodes();
    a = nodes.first();
    b = nodes.joining(a);
    c = nodes.joining(a);
    nodes.awaitUp(3);
    addressB = Nodes.self(b);
    on(a, "(define B \"" + addressB + "\")");
    on(
        b,
        "(define (square-here x) (list (* x x) (cluster-self)))"
            + "(define (boom x) (error \"boom\" x))"
            + "(define (wait-then ready) (send ready 'in) (sleep 60000) 'woke)"
            + "(define (stubborn ready) (try (begin (send ready 'in) (sleep 60000))"
            + "                              (catch e (list 'caught (error-message e)))))"
            + "(define (produce out n) (let loop ((i 0)) (when (< i n) (send out i) (loop (+ i 1)))) 'sent)"
            + "(define (make-proc) car)"
            + "(define not-a-procedure 42)");
  }

  @AfterAll
  static void stop() {
    nodes.close();
  }

  private static Object on(OmniLisp node, String code) {
    return node.evalHere(code, "test");
  }

  private static String write(OmniLisp node, String code) {
    return Printer.write(on(node, code));
  }

  private static void assertError(OmniLisp node, String code, String part) {
    LispError e = assertThrows(LispError.class, () -> on(node, code));
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }

  @Test
  void runsTheGlobalProcedureOfThatNodeAndJoinGetsItsResult() {
    on(a, "(define f (spawn-at B 'square-here 7))");
    assertEquals(true, on(a, "(fiber? f)"));
    assertEquals("(49 \"" + addressB + "\")", write(a, "(join f)"));
    assertEquals("done", write(a, "(fiber-state f)"));
    assertEquals("(49 \"" + addressB + "\")", write(a, "(join f)"), "a second join");
    // Joined from a fiber too, and from several at once.
    assertEquals(
        "(4 9)",
        write(
            a,
            "(let ((x (spawn-at B 'square-here 2)) (y (spawn-at B 'square-here 3)))"
                + " (map (lambda (g) (car (join g))) (list (spawn (lambda () (join x)))"
                + " (spawn (lambda () (join y))))))"));
  }

  @Test
  void anErrorThereIsRaisedByJoinWithItsMessageAndIrritants() {
    on(a, "(define g (spawn-at B 'boom 3))");
    assertEquals(
        "(\"boom\" (3))",
        write(a, "(try (join g) (catch e (list (error-message e) (error-irritants e))))"));
    assertEquals("failed", write(a, "(fiber-state g)"));
  }

  @Test
  void cancelReachesTheFiberThere() {
    on(a, "(define ready (chan)) (define h (spawn-at B 'wait-then ready)) (recv ready)");
    assertEquals("running", write(a, "(fiber-state h)"));
    on(a, "(cancel h)");
    assertError(a, "(join h)", "canceled");
    assertEquals("canceled", write(a, "(fiber-state h)"));
    // A fiber that catches the cancellation and returns is done.
    on(a, "(define k (spawn-at B 'stubborn ready)) (recv ready) (cancel k)");
    assertEquals("(caught \"canceled\")", write(a, "(join k)"));
    assertEquals("done", write(a, "(fiber-state k)"));
  }

  @Test
  void aJoinerCanceledWhileWaitingLeavesTheRemoteFiberRunning() {
    on(a, "(define ready2 (chan)) (define w (spawn-at B 'wait-then ready2)) (recv ready2)");
    on(a, "(define joiner (spawn (lambda () (join w))))");
    on(a, "(let loop () (unless (eq? (fiber-state joiner) 'parked) (sleep 5) (loop)))");
    on(a, "(cancel joiner)");
    assertError(a, "(join joiner)", "canceled");
    assertEquals("running", write(a, "(fiber-state w)"));
    on(a, "(cancel w)");
    assertError(a, "(join w)", "canceled");
  }

  @Test
  void channelsAndDataCrossAsArguments() {
    on(a, "(define out (chan))");
    on(a, "(define p (spawn-at B 'produce out 3))");
    assertEquals("(0 1 2 sent)", write(a, "(list (recv out) (recv out) (recv out) (join p))"));
  }

  @Test
  void badInputIsAClearError() {
    assertError(a, "(spawn-at B 'nope 1)", "spawn-at: unbound variable nope on " + addressB);
    assertError(a, "(spawn-at B 'not-a-procedure)", "spawn-at: not-a-procedure on " + addressB);
    assertError(
        a, "(spawn-at \"127.0.0.1:1\" 'square-here 1)", "spawn-at: 127.0.0.1:1 is not a member");
    assertError(a, "(spawn-at 'b 'square-here 1)", "spawn-at: expected a node address");
    assertError(a, "(spawn-at B \"square-here\" 1)", "spawn-at: expected a symbol");
    assertError(
        a, "(spawn-at B 'square-here car)", "spawn-at: cannot send a procedure to another node");
    assertError(
        a, "(spawn-at B 'square-here (mutex))", "spawn-at: cannot send a mutex to another node");
    assertError(
        a,
        "(spawn-at B 'square-here (spawn (lambda () 1)))",
        "spawn-at: cannot send a fiber to another node");
    // A result that cannot cross fails the join.
    assertError(
        a, "(join (spawn-at B 'make-proc))", "join: cannot send a procedure to another node");
  }

  @Test
  void spawnAtItsOwnNodeWorks() {
    on(a, "(define (twice x) (* 2 x))");
    assertEquals(42L, on(a, "(join (spawn-at (cluster-self) 'twice 21))"));
  }
}
