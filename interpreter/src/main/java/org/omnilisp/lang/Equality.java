package org.omnilisp.lang;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

/** {@code eq?}, {@code eqv?}, {@code equal?} and {@code =} (LANGUAGE.md §2). */
public final class Equality {
  private Equality() {}

  public static boolean eq(Object a, Object b) {
    return a == b;
  }

  /** Identity, but numbers and chars by value (an integer never equals a float). */
  public static boolean eqv(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a instanceof Long
        || a instanceof BigInteger
        || a instanceof Double
        || a instanceof Ratio
        || a instanceof LispChar) {
      return a.equals(b);
    }
    return false;
  }

  /** Structural equality; iterative along list spines so long lists do not use the Java stack. */
  public static boolean equal(Object a, Object b) {
    while (true) {
      if (eqv(a, b)) {
        return true;
      }
      if (a instanceof Pair p && b instanceof Pair q) {
        if (!equal(p.car, q.car)) {
          return false;
        }
        a = p.cdr;
        b = q.cdr;
        continue;
      }
      if (a instanceof String s && b instanceof String t) {
        return s.equals(t);
      }
      if (a instanceof LispArray x && b instanceof LispArray y) {
        return sameItems(x.items.iterator(), y.items.iterator());
      }
      if (a instanceof Bytevector x && b instanceof Bytevector y) {
        return java.util.Arrays.equals(x.bytes, y.bytes);
      }
      if (a instanceof Dict x && b instanceof Dict y) {
        return sameDicts(x, y);
      }
      return false;
    }
  }

  private static boolean sameItems(Iterator<Object> xs, Iterator<Object> ys) {
    while (xs.hasNext() && ys.hasNext()) {
      if (!equal(xs.next(), ys.next())) {
        return false;
      }
    }
    return !xs.hasNext() && !ys.hasNext();
  }

  private static boolean sameDicts(Dict x, Dict y) {
    if (x.map.size() != y.map.size()) {
      return false;
    }
    for (Map.Entry<Object, Object> e : x.map.entrySet()) {
      if (!y.map.containsKey(e.getKey()) || !equal(e.getValue(), y.map.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code =}: exact numeric equality across the tower (NaN equals nothing), else {@code equal?}.
   */
  public static boolean numericEqual(Object a, Object b) {
    if (Numbers.isNumber(a) && Numbers.isNumber(b)) {
      return Numbers.compare(a, b) == 0;
    }
    return equal(a, b);
  }

  public static boolean isTrue(Object v) {
    return v != Boolean.FALSE && v != Nothing.NOTHING;
  }
}
