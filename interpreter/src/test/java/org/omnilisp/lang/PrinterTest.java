package org.omnilisp.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrinterTest {
  @Test
  void writeForms() {
    assertEquals("42", Printer.write(42L));
    assertEquals(
        "123456789012345678901234567890",
        Printer.write(new BigInteger("123456789012345678901234567890")));
    assertEquals("3.5", Printer.write(3.5));
    assertEquals("2.0", Printer.write(2.0));
    assertEquals("-3.0", Printer.write(-3.0));
    assertEquals("1.5e-10", Printer.write(1.5e-10));
    assertEquals("+inf.0", Printer.write(Double.POSITIVE_INFINITY));
    assertEquals("\"a\\n\\t\\\"\\\\\"", Printer.write("a\n\t\"\\"));
    assertEquals("#\\a", Printer.write(LispChar.of('a')));
    assertEquals("#\\space", Printer.write(LispChar.of(' ')));
    assertEquals("#\\newline", Printer.write(LispChar.of('\n')));
    assertEquals("true", Printer.write(true));
    assertEquals("false", Printer.write(false));
    assertEquals("nothing", Printer.write(Nothing.NOTHING));
    assertEquals("foo", Printer.write(Symbol.of("foo")));
    assertEquals("()", Printer.write(Nil.NIL));
    assertEquals("(1 2 3)", Printer.write(Pair.list(1L, 2L, 3L)));
    assertEquals("(1 . 2)", Printer.write(new Pair(1L, 2L)));
    assertEquals("(1 \"s\" #\\c)", Printer.write(Pair.list(1L, "s", LispChar.of('c'))));
    assertEquals("#<error boom>", Printer.write(new ErrorObject("boom")));
  }

  @Test
  void displayForms() {
    assertEquals("hi", Printer.display("hi"));
    assertEquals("a", Printer.display(LispChar.of('a')));
    assertEquals("(1 s c)", Printer.display(Pair.list(1L, "s", LispChar.of('c'))));
    assertEquals("[x 2]", Printer.display(new LispArray(new ArrayList<>(List.of("x", 2L)))));
  }

  @Test
  void dictsPrintInInsertionOrder() {
    Dict d = new Dict();
    d.map.put(Symbol.of("b"), 1L);
    d.map.put(Symbol.of("a"), "x");
    assertEquals("#{b 1 a \"x\"}", Printer.write(d));
    assertEquals("#{b 1 a x}", Printer.display(d));
  }

  @Test
  void longListsPrintWithoutDeepRecursion() {
    Object list = Nil.NIL;
    for (long i = 0; i < 1_000_000; i++) {
      list = new Pair(i, list);
    }
    assertEquals(true, Printer.write(list).startsWith("(999999 999998"));
  }
}
