package org.omnilisp.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The walkers of data (write, display, equal?, error descriptions) on deep and circular values. */
@Timeout(60)
class DeepDataTest {
  private static final int DEEP = 100_000;

  private static Object nest(int depth, Object bottom) {
    Object v = bottom;
    for (int i = 0; i < depth; i++) {
      v = new Pair(v, Nil.NIL);
    }
    return v;
  }

  @Test
  void writeAndDisplayAMillionDeepList() {
    String w = Printer.write(nest(DEEP, "s"));
    assertEquals(2 * DEEP + 3, w.length());
    assertTrue(w.startsWith("((((") && w.contains("(\"s\")") && w.endsWith("))))"));
    String d = Printer.display(nest(DEEP, "s"));
    assertEquals(2 * DEEP + 1, d.length());
  }

  @Test
  void writeAMillionDeepArrayAndQuoteChain() {
    LispArray a = new LispArray();
    for (int i = 0; i < DEEP; i++) {
      LispArray outer = new LispArray();
      outer.items.add(a);
      a = outer;
    }
    assertEquals(2 * DEEP + 2, Printer.write(a).length());
    Object q = Symbol.of("x");
    for (int i = 0; i < DEEP; i++) {
      q = Pair.list(Symbol.of("quote"), q);
    }
    assertEquals(DEEP + 1, Printer.write(q).length());
  }

  @Test
  void equalOnAMillionDeepList() {
    assertTrue(Equality.equal(nest(DEEP, 1L), nest(DEEP, 1L)));
    assertFalse(Equality.equal(nest(DEEP, 1L), nest(DEEP, 2L)));
    assertFalse(Equality.equal(nest(DEEP, 1L), nest(DEEP - 1, 1L)));
  }

  @Test
  void describeIsBoundedOnDeepAndCircularValues() {
    assertEquals(60, Errors.describe(nest(DEEP, 1L)).length());
    Pair c = new Pair(1L, Nil.NIL);
    c.cdr = c;
    assertTrue(Errors.describe(c).startsWith("(1 1 1 1"));
  }

  @Test
  void circularValuesGetDatumLabels() {
    Pair c = (Pair) Pair.list(1L, 2L);
    ((Pair) c.cdr).cdr = c;
    assertEquals("#0=(1 2 . #0#)", Printer.write(c));
    assertEquals("#0=(1 2 . #0#)", Printer.display(c));
    Pair d = (Pair) Pair.list(1L, 2L, 1L, 2L);
    ((Pair) ((Pair) ((Pair) d.cdr).cdr).cdr).cdr = d;
    assertTrue(Equality.equal(c, d));
    ((Pair) d.cdr).car = 3L;
    assertFalse(Equality.equal(c, d));
  }

  @Test
  void aLongCycleIsFoundAfterThePlainAttempt() {
    Object l = Nil.NIL;
    Pair last = null;
    for (int i = 0; i < 50_000; i++) {
      l = new Pair((long) i, l);
      if (last == null) {
        last = (Pair) l;
      }
    }
    last.cdr = l;
    String w = Printer.write(l);
    assertTrue(w.startsWith("#0=(49999 49998 "));
    assertTrue(w.endsWith(" 1 0 . #0#)"));
  }
}
