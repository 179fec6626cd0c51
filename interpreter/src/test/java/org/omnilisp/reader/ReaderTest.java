package org.omnilisp.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.LispChar;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Printer;
import org.omnilisp.lang.SourcePos;
import org.omnilisp.lang.Symbol;

class ReaderTest {
  private static Object read(String text) {
    List<Object> data = Reader.readAll(text, "t");
    assertEquals(1, data.size(), "one datum in: " + text);
    return data.get(0);
  }

  private static String roundTrip(String text) {
    return Printer.write(read(text));
  }

  private static ErrorObject readError(String text) {
    LispThrow t = assertThrows(LispThrow.class, () -> Reader.readAll(text, "t"));
    return assertInstanceOf(ErrorObject.class, t.payload());
  }

  @Test
  void numbers() {
    assertEquals(42L, read("42"));
    assertEquals(-7L, read("-7"));
    assertEquals(255L, read("0xFF"));
    assertEquals(10L, read("0b1010"));
    assertEquals(
        new BigInteger("123456789012345678901234567890"), read("123456789012345678901234567890"));
    assertEquals(3.14, read("3.14"));
    assertEquals(1.5e-10, read("1.5e-10"));
    assertEquals(-0.5, read("-0.5"));
    assertSame(Symbol.of("-"), read("-"));
    assertSame(Symbol.of("1+"), read("1+"));
  }

  @Test
  void atoms() {
    assertEquals("a\n\t\"\\", read("\"a\\n\\t\\\"\\\\\""));
    assertEquals(LispChar.of('a'), read("#\\a"));
    assertEquals(LispChar.of(' '), read("#\\space"));
    assertEquals(LispChar.of('\n'), read("#\\newline"));
    assertSame(Boolean.TRUE, read("true"));
    assertSame(Boolean.TRUE, read("#t"));
    assertSame(Boolean.FALSE, read("false"));
    assertSame(Boolean.FALSE, read("#f"));
    assertSame(Nothing.NOTHING, read("nothing"));
    assertSame(Symbol.of("Foo"), read("Foo"));
  }

  @Test
  void compoundSyntax() {
    assertSame(Nil.NIL, read("()"));
    assertEquals("(1 . 2)", roundTrip("(1 . 2)"));
    assertEquals("(array a b c)", roundTrip("[a b c]"));
    assertTrue(((Pair) read("[a b]")).isBracket());
    assertEquals("(dict 'k 1 'j \"v\")", roundTrip("#{k 1 j \"v\"}"));
    assertEquals("'x", roundTrip("'x"));
    assertEquals("`(a ,b ,@c)", roundTrip("`(a ,b ,@c)"));
    assertEquals("'foo", roundTrip(":foo"));
  }

  @Test
  void comments() {
    assertEquals(
        List.of(1L, 2L),
        Reader.readAll("; line\n1 #| block #| nested |# |# #;(skipped datum) 2", "t"));
  }

  @Test
  void everyListKnowsWhereItWasRead() {
    List<Object> data = Reader.readAll("(a)\n  (b (c))", "file.omni");
    assertEquals(new SourcePos("file.omni", 1, 1), ((Pair) data.get(0)).pos());
    Pair b = (Pair) data.get(1);
    assertEquals(new SourcePos("file.omni", 2, 3), b.pos());
    assertEquals(new SourcePos("file.omni", 2, 6), ((Pair) ((Pair) b.cdr).car).pos());
  }

  @Test
  void malformedSourceGivesReadErrorsWithPositions() {
    ErrorObject unbalanced = readError("(a (b)");
    assertTrue(unbalanced.message().startsWith(Reader.INCOMPLETE), unbalanced.message());
    assertEquals(new SourcePos("t", 1, 7), unbalanced.pos());
    ErrorObject extra = readError("(a))");
    assertEquals("read: unexpected ')'", extra.message());
    assertEquals(new SourcePos("t", 1, 4), extra.pos());
    ErrorObject escape = readError("\"a\\q\"");
    assertEquals("read: bad escape '\\q' in string", escape.message());
    assertEquals(new SourcePos("t", 1, 3), escape.pos());
    ErrorObject brace = readError("\n {a}");
    assertEquals("read: braces are reserved, got '{'", brace.message());
    assertEquals(new SourcePos("t", 2, 2), brace.pos());
    assertTrue(readError("#\\bogus").message().contains("unknown character name"));
    assertTrue(readError("#{a}").message().contains("needs a value for every key"));
  }

  @Test
  void incompleteInputIsRecognised() {
    assertTrue(Reader.isIncomplete("(define (f x)"));
    assertTrue(Reader.isIncomplete("\"open string"));
    assertFalse(Reader.isIncomplete("(+ 1 2)"));
    assertFalse(Reader.isIncomplete("(+ 1 2))"));
  }
}
