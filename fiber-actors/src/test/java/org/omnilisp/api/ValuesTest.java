package org.omnilisp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Pair;

/** Converting circular and very deep Lisp data to Java fails clearly instead of looping. */
@Timeout(60)
class ValuesTest {
  @Test
  void aCircularListIsAClearError() {
    Pair c = (Pair) Pair.list(1L, 2L, 3L);
    ((Pair) ((Pair) c.cdr).cdr).cdr = c;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Values.toJava(c));
    assertEquals("toJava: cannot convert a circular list", e.getMessage());
    assertEquals(List.of(1L, 2L, 3L), Values.toJava(Pair.list(1L, 2L, 3L)));
  }

  @Test
  void aValueTooDeepForTheStackIsAClearError() throws Exception {
    Object deep = Nil.NIL;
    for (int i = 0; i < 1_000_000; i++) {
      deep = new Pair(deep, Nil.NIL);
    }
    Object value = deep;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Values.toJava(value));
    assertEquals("toJava: a value nested too deeply to convert", e.getMessage());
  }
}
