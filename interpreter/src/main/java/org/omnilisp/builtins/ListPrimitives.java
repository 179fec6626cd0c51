package org.omnilisp.builtins;

import java.util.function.BiPredicate;
import org.omnilisp.lang.Equality;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Numbers;
import org.omnilisp.lang.Pair;

/** Pairs and lists. */
final class ListPrimitives {
  private ListPrimitives() {}

  static void install(Builtins b) {
    b.def2("cons", Pair::new);
    b.def1("car", x -> Args.pair("car", x).car);
    b.def1("cdr", x -> Args.pair("cdr", x).cdr);
    b.def2("set-car!", (p, v) -> set(Args.pair("set-car!", p), v, true));
    b.def2("set-cdr!", (p, v) -> set(Args.pair("set-cdr!", p), v, false));
    b.defN("list", 0, -1, ListPrimitives::list);
    b.def1("list?", ListPrimitives::isList);
    b.def1("pair?", x -> x instanceof Pair);
    b.def1("null?", x -> x == Nil.NIL);
    b.def1("length", x -> (long) Args.length("length", x));
    b.defN("append", 0, -1, ListPrimitives::append);
    b.def1("reverse", ListPrimitives::reverse);
    b.def2("list-ref", ListPrimitives::listRef);
    b.def2("list-tail", (l, k) -> tail("list-tail", l, Args.index("list-tail", k)));
    b.def1("last", ListPrimitives::last);
    b.defN("range", 1, 3, ListPrimitives::range);
    b.def2("assv", (k, l) -> search("assv", k, l, Equality::eqv, true));
    b.def2("assq", (k, l) -> search("assq", k, l, Equality::eq, true));
    b.def2("memv", (k, l) -> search("memv", k, l, Equality::eqv, false));
    b.def2("memq", (k, l) -> search("memq", k, l, Equality::eq, false));
    b.def1("list-copy", ListPrimitives::listCopy);
    b.def3("list-set!", ListPrimitives::listSet);
    b.defN("make-list", 1, 2, ListPrimitives::makeList);
  }

  private static Object set(Pair p, Object v, boolean car) {
    if (car) {
      p.car = v;
    } else {
      p.cdr = v;
    }
    return Nothing.NOTHING;
  }

  static Object list(Object[] items) {
    return Pair.list(items);
  }

  /** A proper, finite list (cycles are detected). */
  private static boolean isList(Object x) {
    Object slow = x;
    Object fast = x;
    while (true) {
      for (int step = 0; step < 2; step++) {
        if (fast == Nil.NIL) {
          return true;
        }
        if (!(fast instanceof Pair f)) {
          return false;
        }
        fast = f.cdr;
      }
      slow = ((Pair) slow).cdr;
      if (fast == slow) {
        return false;
      }
    }
  }

  private static Object append(Object[] lists) {
    if (lists.length == 0) {
      return Nil.NIL;
    }
    Object result = lists[lists.length - 1];
    for (int i = lists.length - 2; i >= 0; i--) {
      Args.list("append", lists[i]);
      result = prependCopy(lists[i], result);
    }
    return result;
  }

  private static Object prependCopy(Object list, Object tail) {
    if (list == Nil.NIL) {
      return tail;
    }
    Pair p = (Pair) list;
    Pair head = new Pair(p.car, tail);
    Pair last = head;
    for (Object cur = p.cdr; cur instanceof Pair c; cur = c.cdr) {
      Pair cell = new Pair(c.car, tail);
      last.cdr = cell;
      last = cell;
    }
    return head;
  }

  private static Object reverse(Object list) {
    Args.list("reverse", list);
    Object result = Nil.NIL;
    for (Object cur = list; cur instanceof Pair p; cur = p.cdr) {
      result = new Pair(p.car, result);
    }
    return result;
  }

  private static Object listRef(Object list, Object k) {
    int i = Args.index("list-ref", k);
    Object cell = tail("list-ref", list, i);
    if (cell instanceof Pair p) {
      return p.car;
    }
    throw Errors.error("list-ref: index " + i + " out of range for " + Errors.describe(list));
  }

  private static Object tail(String op, Object list, int k) {
    if (k < 0) {
      throw Errors.error(op + ": index must not be negative, got " + k);
    }
    Object cur = list;
    for (int i = 0; i < k; i++) {
      if (!(cur instanceof Pair p)) {
        throw Errors.error(op + ": index " + k + " out of range for " + Errors.describe(list));
      }
      cur = p.cdr;
    }
    return cur;
  }

  private static Object last(Object list) {
    Pair p = Args.pair("last", list);
    while (p.cdr instanceof Pair next) {
      p = next;
    }
    return p.car;
  }

  private static Object range(Object[] args) {
    Object start = args.length == 1 ? 0L : Args.number("range", args[0]);
    Object end = Args.number("range", args.length == 1 ? args[0] : args[1]);
    Object step = args.length == 3 ? Args.number("range", args[2]) : 1L;
    int direction = Numbers.sign(step);
    if (direction == 0) {
      throw Errors.error("range: step must not be zero");
    }
    if (start instanceof Long from && end instanceof Long to && step instanceof Long by) {
      Object list = fixnumRange(from, to, by);
      if (list != null) {
        return list;
      }
    }
    java.util.ArrayList<Object> items = new java.util.ArrayList<>();
    for (Object i = start; Numbers.compare(i, end) * direction < 0; i = Numbers.add(i, step)) {
      items.add(i);
    }
    return Pair.list(items.toArray());
  }

  /**
   * {@code range} of fixnums, built from its last element back (no boxing of the bounds, no
   * intermediate array: {@code (range 1000000)} is a benchmark's own work); null if a bound's
   * arithmetic would overflow (the generic loop then decides).
   */
  private static Object fixnumRange(long from, long to, long by) {
    long count;
    try {
      long span = by > 0 ? Math.subtractExact(to, from) : Math.subtractExact(from, to);
      if (span <= 0) {
        return Nil.NIL;
      }
      long stride = Math.absExact(by);
      count = (span - 1) / stride + 1;
      Math.addExact(from, Math.multiplyExact(count - 1, by)); // the last element fits
    } catch (ArithmeticException e) {
      return null;
    }
    Object list = Nil.NIL;
    for (long k = count - 1; k >= 0; k--) {
      list = new Pair(from + k * by, list);
    }
    return list;
  }

  /**
   * The first entry (assoc) or tail (member) whose key is {@code same} as {@code key}, or false.
   */
  static Object search(
      String op, Object key, Object list, BiPredicate<Object, Object> same, boolean assoc) {
    for (Object cur = Args.list(op, list); cur instanceof Pair p; cur = p.cdr) {
      if (!assoc) {
        if (same.test(key, p.car)) {
          return p;
        }
      } else if (p.car instanceof Pair entry && same.test(key, entry.car)) {
        return entry;
      }
    }
    return false;
  }

  /** A copy of the pairs of a list; an improper tail or a non-list is returned as it is. */
  private static Object listCopy(Object list) {
    if (!(list instanceof Pair)) {
      return list;
    }
    Object tail = list;
    while (tail instanceof Pair p) {
      tail = p.cdr;
    }
    return prependCopy(list, tail);
  }

  private static Object listSet(Object list, Object k, Object v) {
    int i = Args.index("list-set!", k);
    if (tail("list-set!", list, i) instanceof Pair p) {
      p.car = v;
      return Nothing.NOTHING;
    }
    throw Errors.error("list-set!: index " + i + " out of range for " + Errors.describe(list));
  }

  /** {@code (make-list k [fill])}; the fill defaults to {@code nothing}. */
  private static Object makeList(Object[] args) {
    int k = Args.index("make-list", args[0]);
    if (k < 0) {
      throw Errors.error("make-list: length must not be negative, got " + k);
    }
    Object fill = args.length > 1 ? args[1] : Nothing.NOTHING;
    Object result = Nil.NIL;
    for (int i = 0; i < k; i++) {
      result = new Pair(fill, result);
    }
    return result;
  }
}
