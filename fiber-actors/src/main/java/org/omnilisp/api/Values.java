package org.omnilisp.api;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.omnilisp.fibers.LispChannel;
import org.omnilisp.lang.Dict;
import org.omnilisp.lang.LispArray;
import org.omnilisp.lang.LispChar;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Numbers;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Printer;
import org.omnilisp.lang.Symbol;
import org.omnilisp.machine.Fiber;

/**
 * Conversions between Lisp values and plain Java values.
 *
 * <table>
 *   <caption>Lisp to Java ({@link #toJava}) and back ({@link #toLisp})</caption>
 *   <tr><th>Lisp</th><th>Java</th></tr>
 *   <tr><td>integer</td><td>{@code Long}, or {@code BigInteger} when it does not fit</td></tr>
 *   <tr><td>float</td><td>{@code Double}</td></tr>
 *   <tr><td>string, boolean</td><td>{@code String}, {@code Boolean}</td></tr>
 *   <tr><td>char</td><td>{@code Character}, or a {@code String} for a char beyond the BMP</td></tr>
 *   <tr><td>symbol</td><td>{@code String} (its name)</td></tr>
 *   <tr><td>{@code nothing}</td><td>{@code null}</td></tr>
 *   <tr><td>list, array</td><td>{@code List<Object>} (elements converted)</td></tr>
 *   <tr><td>dict</td><td>{@code Map<Object, Object>} in insertion order (converted)</td></tr>
 *   <tr><td>channel</td><td>{@link SharedChannel}</td></tr>
 *   <tr><td>fiber</td><td>{@link FiberHandle}</td></tr>
 *   <tr><td>anything else (procedures, errors, ...)</td><td>itself</td></tr>
 * </table>
 *
 * Back to Lisp: {@code Integer}, {@code Short}, {@code Byte} and {@code Long} become integers,
 * {@code Float} a float, {@code Character} a char, {@code null} is {@code nothing}, a {@code List}
 * a list, a {@code Map} a dict (string keys become symbols, like the keys of a dict literal), a
 * {@link SharedChannel} or {@link FiberHandle} the Lisp channel or fiber it stands for; Lisp values
 * (procedures, errors, ...) pass through unchanged. Any other Java object is refused with an {@code
 * IllegalArgumentException} naming its class.
 */
public final class Values {
  private Values() {}

  /**
   * The Java form of a Lisp value (see the table above).
   *
   * @throws IllegalArgumentException for a circular list, or a value nested too deeply to convert
   *     on this thread's stack
   * @param v a Lisp value
   * @return its Java form
   */
  public static Object toJava(Object v) {
    try {
      return convert(v);
    } catch (StackOverflowError e) {
      throw new IllegalArgumentException("toJava: a value nested too deeply to convert");
    }
  }

  private static Object convert(Object v) {
    if (v == Nothing.NOTHING) {
      return null;
    }
    if (v instanceof Symbol s) {
      return s.name();
    }
    if (v instanceof LispChar c) {
      return Character.isBmpCodePoint(c.codePoint()) ? (Object) (char) c.codePoint() : c.toString();
    }
    if (v == Nil.NIL || v instanceof Pair) {
      List<Object> out = new ArrayList<>();
      Object slow = v;
      for (Object cur = v; cur instanceof Pair p; cur = p.cdr) {
        out.add(convert(p.car));
        if ((out.size() & 1) == 0) {
          slow = ((Pair) slow).cdr;
          if (slow == p.cdr) {
            throw new IllegalArgumentException("toJava: cannot convert a circular list");
          }
        }
      }
      return out;
    }
    if (v instanceof LispArray a) {
      Object[] items = a.snapshot();
      List<Object> out = new ArrayList<>(items.length);
      for (Object item : items) {
        out.add(convert(item));
      }
      return out;
    }
    if (v instanceof LispChannel c) {
      return new SharedChannel(c);
    }
    if (v instanceof Fiber f) {
      return new FiberHandle(f);
    }
    if (v instanceof Dict d) {
      Map<Object, Object> out = new LinkedHashMap<>();
      Object[] kv = d.snapshot();
      for (int i = 0; i < kv.length; i += 2) {
        out.put(convert(kv[i]), convert(kv[i + 1]));
      }
      return out;
    }
    return v;
  }

  /**
   * The Lisp form of a Java value (see the table above).
   *
   * @param v a Java value (or a Lisp value, which passes through)
   * @return its Lisp form
   * @throws IllegalArgumentException for a Java object that has no Lisp form, naming its class
   */
  public static Object toLisp(Object v) {
    if (v == null) {
      return Nothing.NOTHING;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof Character c) {
      return LispChar.of(c);
    }
    if (v instanceof BigInteger b) {
      return Numbers.normalize(b);
    }
    if (v instanceof List<?> list) {
      Object out = Nil.NIL;
      for (int i = list.size() - 1; i >= 0; i--) {
        out = new Pair(toLisp(list.get(i)), out);
      }
      return out;
    }
    if (v instanceof Map<?, ?> map) {
      Dict d = new Dict();
      map.forEach((k, x) -> d.map.put(k instanceof String s ? Symbol.of(s) : toLisp(k), toLisp(x)));
      return d;
    }
    if (v instanceof SharedChannel s) {
      return s.channel();
    }
    if (v instanceof FiberHandle h) {
      return h.fiber();
    }
    if (v instanceof Long
        || v instanceof Double
        || v instanceof String
        || v instanceof Boolean
        || v.getClass().getName().startsWith("org.omnilisp.")) {
      return v;
    }
    throw new IllegalArgumentException(
        "cannot represent a " + v.getClass().getName() + " as a Lisp value");
  }

  /**
   * The {@code write} form of a Lisp value, as the REPL prints it.
   *
   * @param lispValue a Lisp value
   * @return its printed form
   */
  public static String write(Object lispValue) {
    return Printer.write(lispValue);
  }

  /**
   * The {@code display} form of a Lisp value.
   *
   * @param lispValue a Lisp value
   * @return its displayed form
   */
  public static String display(Object lispValue) {
    return Printer.display(lispValue);
  }

  /**
   * Whether a Lisp value is {@code nothing}.
   *
   * @param lispValue a Lisp value
   * @return true for {@code nothing}
   */
  public static boolean isNothing(Object lispValue) {
    return lispValue == Nothing.NOTHING;
  }
}
