package org.omnilisp.builtins;

import java.math.BigInteger;
import org.omnilisp.lang.Dict;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispArray;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Numbers;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Procedure;
import org.omnilisp.lang.Symbol;
import org.omnilisp.machine.Fiber;

/** Argument checks shared by the primitives; each failure names the operation and the value. */
public final class Args {
  private Args() {}

  public static Object number(String op, Object x) {
    if (!Numbers.isNumber(x)) {
      throw Errors.wrongType(op, "a number", x);
    }
    return x;
  }

  public static Object integer(String op, Object x) {
    if (!Numbers.isInteger(x)) {
      throw Errors.wrongType(op, "an integer", x);
    }
    return x;
  }

  /** An integer that fits an int (an index, a count). */
  public static int index(String op, Object x) {
    if (x instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
      return (int) (long) l;
    }
    if (x instanceof BigInteger) {
      throw Errors.error(op + ": index out of range: " + x);
    }
    throw Errors.wrongType(op, "an integer", x);
  }

  public static Pair pair(String op, Object x) {
    if (x instanceof Pair p) {
      return p;
    }
    throw Errors.wrongType(op, "a pair", x);
  }

  public static String string(String op, Object x) {
    if (x instanceof String s) {
      return s;
    }
    throw Errors.wrongType(op, "a string", x);
  }

  public static Symbol symbol(String op, Object x) {
    if (x instanceof Symbol s) {
      return s;
    }
    throw Errors.wrongType(op, "a symbol", x);
  }

  public static LispArray array(String op, Object x) {
    if (x instanceof LispArray a) {
      return a;
    }
    throw Errors.wrongType(op, "an array", x);
  }

  public static Dict dict(String op, Object x) {
    if (x instanceof Dict d) {
      return d;
    }
    throw Errors.wrongType(op, "a dict", x);
  }

  public static Fiber fiber(String op, Object x) {
    if (x instanceof Fiber f) {
      return f;
    }
    throw Errors.wrongType(op, "a fiber", x);
  }

  public static Procedure procedure(String op, Object x) {
    if (x instanceof Procedure p) {
      return p;
    }
    throw Errors.wrongType(op, "a procedure", x);
  }

  /** Checks that {@code x} is a proper list and returns it. */
  public static Object list(String op, Object x) {
    length(op, x);
    return x;
  }

  /**
   * The length of the proper list {@code x}; an error naming {@code op} for an improper or a
   * circular list (found by a second cursor going twice as fast, which meets the first on a cycle).
   */
  public static int length(String op, Object x) {
    int n = 0;
    Object cur = x;
    Object slow = x;
    while (cur instanceof Pair p) {
      n++;
      cur = p.cdr;
      if ((n & 1) == 0) {
        slow = ((Pair) slow).cdr;
        if (slow == cur) {
          throw Errors.error(op + ": expected a list, got a circular list");
        }
      }
    }
    if (cur != Nil.NIL) {
      throw Errors.wrongType(op, "a list", x);
    }
    return n;
  }
}
