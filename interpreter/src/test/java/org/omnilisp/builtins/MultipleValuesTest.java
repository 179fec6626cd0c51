package org.omnilisp.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnilisp.interp.Interpreter;
import org.omnilisp.lang.MultipleValues;

/** floor/, truncate/ and exact-integer-sqrt return two values (R7RS 6.2.6) as MultipleValues. */
class MultipleValuesTest {
  private final Interpreter interp = new Interpreter();

  private List<Object> values(String source) {
    return List.of(assertInstanceOf(MultipleValues.class, interp.eval(source, "t")).values);
  }

  @Test
  void floorDivisionGivesQuotientAndRemainder() {
    assertEquals(List.of(2L, 1L), values("(floor/ 5 2)"));
    assertEquals(List.of(-3L, 1L), values("(floor/ -5 2)"));
    assertEquals(List.of(-3L, -1L), values("(floor/ 5 -2)"));
    assertEquals(List.of(2L, -1L), values("(floor/ -5 -2)"));
  }

  @Test
  void truncateDivisionGivesQuotientAndRemainder() {
    assertEquals(List.of(2L, 1L), values("(truncate/ 5 2)"));
    assertEquals(List.of(-2L, -1L), values("(truncate/ -5 2)"));
    assertEquals(List.of(-2L, 1L), values("(truncate/ 5 -2)"));
    assertEquals(List.of(-2.0, -1.0), values("(truncate/ -5.0 2)"));
  }

  @Test
  void exactIntegerSqrtGivesRootAndRest() {
    assertEquals(List.of(2L, 0L), values("(exact-integer-sqrt 4)"));
    assertEquals(List.of(2L, 1L), values("(exact-integer-sqrt 5)"));
    assertEquals(List.of(10000000000L, 1L), values("(exact-integer-sqrt 100000000000000000001)"));
  }
}
