package org.omnilisp.lang;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

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

  /**
   * Structural equality. Iterative, with an explicit stack of pairs still to compare, so deep
   * values need heap, not Java stack. It terminates on circular values too (R7RS): after {@link
   * #PLAIN_BUDGET} container pairs it starts to remember the pairs of containers it has compared,
   * and a pair met again is taken as equal (if the two differ, the walk finds it elsewhere).
   */
  public static boolean equal(Object a, Object b) {
    if (eqv(a, b)) {
      return true;
    }
    if (a instanceof Bytevector x) {
      return b instanceof Bytevector y && Arrays.equals(x.bytes, y.bytes);
    }
    if (!(a instanceof Pair || a instanceof LispArray || a instanceof Dict)) {
      return a instanceof String s && b instanceof String t && s.equals(t);
    }
    int quick = quickEqual(a, b, 0, new int[] {QUICK_NODES});
    return quick >= 0 ? quick == 1 : new EqualWalk().run(a, b);
  }

  private static final int QUICK_DEPTH = 100;
  private static final int QUICK_NODES = 10_000;

  /**
   * The common case, small and shallow values, without the walk's stack: plain recursion along
   * cars, bounded in depth and in containers. 1 equal, 0 different, -1 gave up (too deep, too big,
   * a dict, or a cycle): then the walk decides.
   */
  private static int quickEqual(Object a, Object b, int depth, int[] nodes) {
    while (true) {
      if (eqv(a, b)) {
        return 1;
      }
      if (a instanceof String s) {
        return b instanceof String t && s.equals(t) ? 1 : 0;
      }
      if (--nodes[0] < 0 || depth > QUICK_DEPTH) {
        return -1;
      }
      if (a instanceof Pair p && b instanceof Pair q) {
        int r = quickEqual(p.car, q.car, depth + 1, nodes);
        if (r != 1) {
          return r;
        }
        a = p.cdr;
        b = q.cdr;
        continue;
      }
      if (a instanceof LispArray x && b instanceof LispArray y) {
        Object[] xs = x.snapshot();
        Object[] ys = y.snapshot();
        if (xs.length != ys.length) {
          return 0;
        }
        for (int i = 0; i < xs.length; i++) {
          int r = quickEqual(xs[i], ys[i], depth + 1, nodes);
          if (r != 1) {
            return r;
          }
        }
        return 1;
      }
      if (a instanceof Bytevector x && b instanceof Bytevector y) {
        return Arrays.equals(x.bytes, y.bytes) ? 1 : 0;
      }
      return a instanceof Dict && b instanceof Dict ? -1 : 0;
    }
  }

  private static final int PLAIN_BUDGET = 100_000;

  /** One {@code equal?} comparison of two containers. */
  private static final class EqualWalk {
    private Object[] stack = new Object[32];
    private int top;
    private long budget = PLAIN_BUDGET;
    private Set<Visit> seen;

    private record Visit(Object a, Object b) {
      @Override
      public boolean equals(Object o) {
        return o instanceof Visit v && v.a == a && v.b == b;
      }

      @Override
      public int hashCode() {
        return System.identityHashCode(a) * 31 + System.identityHashCode(b);
      }
    }

    boolean run(Object a0, Object b0) {
      push(a0, b0);
      while (top > 0) {
        Object b = stack[--top];
        Object a = stack[--top];
        stack[top] = null;
        stack[top + 1] = null;
        if (!step(a, b)) {
          return false;
        }
      }
      return true;
    }

    /** Compares the tops of {@code a} and {@code b}; pushes their parts still to compare. */
    private boolean step(Object a, Object b) {
      while (true) {
        if (eqv(a, b)) {
          return true;
        }
        if (a instanceof String s) {
          return b instanceof String t && s.equals(t);
        }
        if (a instanceof Bytevector x) {
          return b instanceof Bytevector y && Arrays.equals(x.bytes, y.bytes);
        }
        boolean pairs = a instanceof Pair && b instanceof Pair;
        if (!pairs
            && !(a instanceof LispArray && b instanceof LispArray)
            && !(a instanceof Dict && b instanceof Dict)) {
          return false;
        }
        if (--budget < 0) {
          if (seen == null) {
            seen = new HashSet<>();
          }
          if (!seen.add(new Visit(a, b))) {
            return true;
          }
        }
        if (!pairs) {
          return a instanceof LispArray x
              ? pushItems(x, (LispArray) b)
              : pushDicts((Dict) a, (Dict) b);
        }
        Pair p = (Pair) a;
        Pair q = (Pair) b;
        push(p.cdr, q.cdr); // the car is compared first, in this loop
        a = p.car;
        b = q.car;
      }
    }

    private boolean pushItems(LispArray x, LispArray y) {
      Object[] xs = x.snapshot();
      Object[] ys = y.snapshot();
      if (xs.length != ys.length) {
        return false;
      }
      for (int i = xs.length - 1; i >= 0; i--) {
        push(xs[i], ys[i]);
      }
      return true;
    }

    private boolean pushDicts(Dict x, Dict y) {
      Object[] xs = x.snapshot();
      Object[] ys = y.snapshot();
      if (xs.length != ys.length) {
        return false;
      }
      Map<Object, Object> other = new HashMap<>();
      for (int i = 0; i < ys.length; i += 2) {
        other.put(ys[i], ys[i + 1]);
      }
      for (int i = xs.length - 2; i >= 0; i -= 2) {
        if (!other.containsKey(xs[i])) {
          return false;
        }
        push(xs[i + 1], other.get(xs[i]));
      }
      return true;
    }

    private void push(Object a, Object b) {
      if (top + 2 > stack.length) {
        stack = Arrays.copyOf(stack, stack.length * 2);
      }
      stack[top++] = a;
      stack[top++] = b;
    }
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
