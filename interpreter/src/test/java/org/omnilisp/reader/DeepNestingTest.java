package org.omnilisp.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Pair;

/**
 * Issue 11: deeply nested input reads or fails with {@code read: nesting deeper than N at
 * file:line:col}, never with a Java StackOverflowError, even on a thread with a small stack.
 */
@Timeout(60)
class DeepNestingTest {
  private static String nested(int depth) {
    return "(".repeat(depth) + ")".repeat(depth);
  }

  private static int depth(Object x) {
    int d = 0;
    for (; x instanceof Pair p; x = p.car) {
      d++;
    }
    return d;
  }

  /** Runs body on a thread with a 128 KB stack, where the recursive reader overflows early. */
  private static Object onSmallStack(java.util.function.Supplier<Object> body) throws Exception {
    AtomicReference<Object> out = new AtomicReference<>();
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                out.set(body.get());
              } catch (Throwable e) {
                out.set(e);
              }
            },
            "small-stack",
            128 << 10);
    t.start();
    t.join();
    return out.get();
  }

  @Test
  void dataAtTheLimitReadOnASmallStack() throws Exception {
    Object read = onSmallStack(() -> Reader.readAll(nested(Reader.MAX_DEPTH), "t").get(0));
    assertEquals(Reader.MAX_DEPTH - 1, depth(read), "the innermost () is the empty list");
  }

  @Test
  void deeperDataIsAReadErrorWithAPosition() throws Exception {
    for (String text :
        new String[] {nested(3000), "'".repeat(3000) + "x", "[#{a `(#(".repeat(800) + "1"}) {
      Object got = onSmallStack(() -> Reader.readAll(text, "deep.omni"));
      LispThrow t = assertInstanceOf(LispThrow.class, got);
      ErrorObject e = assertInstanceOf(ErrorObject.class, t.payload());
      assertEquals(
          "read: nesting deeper than 1000 at " + e.pos(),
          e.message(),
          "for " + text.substring(0, 12));
    }
  }

  @Test
  void theLimitHoldsOnTheCallingThreadToo() {
    LispThrow t = assertThrows(LispThrow.class, () -> Reader.readAll(nested(1001), "t"));
    assertEquals("t", ((ErrorObject) t.payload()).pos().file());
  }
}
