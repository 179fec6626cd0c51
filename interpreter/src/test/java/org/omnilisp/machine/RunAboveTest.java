package org.omnilisp.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.interp.Interpreter;

/**
 * A machine run nested on another's Java stack ({@link Machine#runAbove}: a join that runs an
 * unstarted fiber in place) shares that machine's direct-style stack budget instead of taking a
 * whole one of its own.
 */
@Timeout(60)
class RunAboveTest {
  private final Interpreter interp = new Interpreter(System.out);

  private Closure define(String name) {
    interp.eval("(define (" + name + " d) (if (= d 0) 0 (+ 1 (" + name + " (- d 1)))))", "t");
    return (Closure) interp.lookup(name);
  }

  @Test
  void aNestedRunGoesOnFromTheDepthBelow() {
    Closure nested = define("nested");
    Machine below = Machine.forCall(interp, nested, 0L);
    below.depth = Direct.MAX_DEPTH - Machine.NEST_DEPTH - 10; // the joiner's stack is nearly full
    Machine m = Machine.forCall(interp, nested, 20L);
    assertEquals(Machine.Status.DONE, m.runAbove(below, Long.MAX_VALUE));
    assertEquals(20L, m.value);
    assertEquals(0, m.depth); // its own again, for the slices it runs elsewhere
    assertEquals(Direct.MAX_DEPTH - Machine.NEST_DEPTH - 10, below.depth);
    // 20 calls do not fit in what the joiner left: they overflowed into heap frames
    assertTrue(nested.lambda.overflows > 0, "overflows: " + nested.lambda.overflows);
  }

  @Test
  void aRunOfItsOwnHasTheWholeBudget() {
    Closure alone = define("alone");
    Machine m = Machine.forCall(interp, alone, 20L);
    assertEquals(Machine.Status.DONE, m.run(Long.MAX_VALUE));
    assertEquals(20L, m.value);
    assertEquals(0, alone.lambda.overflows);
  }
}
