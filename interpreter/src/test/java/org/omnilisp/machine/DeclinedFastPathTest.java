package org.omnilisp.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.interp.Interpreter;

/**
 * A procedure in direct style whose runs, entered from the machine, keep ending in a machine
 * primitive's declined fast path after a few steps goes back to the machine for good ({@link
 * Direct#enter}, {@link Direct#MAX_SHORT_DECLINES}); one whose runs get far between such calls
 * stays direct. Both give the same values either way.
 */
@Timeout(60)
class DeclinedFastPathTest {
  private final Interpreter interp = new Interpreter(System.out);
  private long bodyRuns;

  DeclinedFastPathTest() {
    // wait!: its fast path always declines (as recv on an empty channel); the machine's body
    // answers at once
    interp.define(
        "wait!",
        new MachinePrimitive(
            "wait!",
            0,
            0,
            (m, args) -> {
              bodyRuns++;
              m.value = 1L;
            },
            (m, args) -> MachinePrimitive.SLOW));
    interp.eval(
        "(define (short k) (+ k (wait!)))"
            + "(define (far k) (let loop ((i 0)) (if (< i 50) (loop (+ i 1)) (+ k (wait!)))))"
            + "(define (drive f n acc) (if (= n 0) acc (drive f (- n 1) (+ acc (f n)))))",
        "t");
  }

  private Lambda lambda(String name) {
    return ((Closure) interp.lookup(name)).lambda;
  }

  private long drive(String f, long n) {
    return (Long) interp.eval("(drive " + f + " " + n + " 0)", "t");
  }

  @Test
  void shortRunsThatKeepDecliningGoBackToTheMachine() {
    long n = 4L * Direct.MAX_SHORT_DECLINES;
    assertEquals(n * (n + 1) / 2 + n, drive("short", n));
    assertFalse(lambda("short").direct, "short runs ending in a declined fast path");
    assertEquals(n, bodyRuns);
    // on the machine it goes on giving the same values
    assertEquals(10 * 11 / 2 + 10, drive("short", 10));
  }

  @Test
  void runsThatGetFarBetweenDeclinesStayDirect() {
    long n = 4L * Direct.MAX_SHORT_DECLINES;
    assertEquals(n * (n + 1) / 2 + n, drive("far", n));
    assertTrue(lambda("far").direct, "runs of more than a few steps before each decline");
    assertEquals(n, bodyRuns);
  }
}
