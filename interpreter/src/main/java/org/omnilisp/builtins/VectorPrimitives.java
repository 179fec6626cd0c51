package org.omnilisp.builtins;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispArray;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Pair;

/**
 * Vectors (R7RS 6.8) are OmniLisp arrays: {@code vector?} is {@code array?} and every procedure
 * works on {@code [1 2 3]}. Optional {@code start}/{@code end} wherever the report has them.
 */
final class VectorPrimitives {
  private VectorPrimitives() {}

  static void install(Builtins b) {
    b.defN("vector", 0, -1, items -> new LispArray(new ArrayList<>(Arrays.asList(items))));
    b.def1("vector?", x -> x instanceof LispArray);
    b.defN("make-vector", 1, 2, VectorPrimitives::makeVector);
    b.def2("vector-ref", VectorPrimitives::ref);
    b.def3("vector-set!", VectorPrimitives::set);
    b.def1("vector-length", v -> (long) vector("vector-length", v).items.size());
    b.defN("vector->list", 1, 3, args -> Pair.list(slice("vector->list", args).toArray()));
    b.def1("list->vector", VectorPrimitives::fromList);
    b.defN("vector-copy", 1, 3, args -> new LispArray(new ArrayList<>(slice("vector-copy", args))));
    b.defN("vector-copy!", 3, 5, VectorPrimitives::copyInto);
    b.defN("vector-fill!", 2, 4, VectorPrimitives::fill);
    b.defN("vector-append", 0, -1, VectorPrimitives::append);
  }

  static LispArray vector(String op, Object x) {
    if (x instanceof LispArray a) {
      return a;
    }
    throw Errors.wrongType(op, "a vector", x);
  }

  private static Object makeVector(Object[] args) {
    int k = Args.index("make-vector", args[0]);
    if (k < 0) {
      throw Errors.error("make-vector: length must not be negative, got " + k);
    }
    Object fill = args.length > 1 ? args[1] : Nothing.NOTHING;
    return new LispArray(java.util.Collections.nCopies(k, fill));
  }

  // One element, no lock (see LispArray): the bounds test is the access's own.
  private static Object ref(Object v, Object k) {
    LispArray a = vector("vector-ref", v);
    int i = Args.index("vector-ref", k);
    Object x = a.get(i);
    if (x == null) {
      throw outOfRange("vector-ref", i, a);
    }
    return x;
  }

  private static Object set(Object v, Object k, Object x) {
    LispArray a = vector("vector-set!", v);
    int i = Args.index("vector-set!", k);
    if (!a.set(i, x)) {
      throw outOfRange("vector-set!", i, a);
    }
    return Nothing.NOTHING;
  }

  private static RuntimeException outOfRange(String op, int i, LispArray a) {
    return Errors.error(op + ": index " + i + " out of range for a vector of length " + a.size());
  }

  /** The items of {@code (v [start [end]])}, as a view. */
  private static List<Object> slice(String op, Object[] args) {
    List<Object> items = vector(op, args[0]).items;
    int[] r = Text.range(op, args, 1, items.size());
    return items.subList(r[0], r[1]);
  }

  private static Object fromList(Object list) {
    ArrayList<Object> items = new ArrayList<>();
    for (Object cur = Args.list("list->vector", list); cur instanceof Pair p; cur = p.cdr) {
      items.add(p.car);
    }
    return new LispArray(items);
  }

  /**
   * {@code (vector-copy! to at from [start [end]])}; overlapping ranges copy as if via a buffer.
   */
  private static Object copyInto(Object[] args) {
    List<Object> to = vector("vector-copy!", args[0]).items;
    int at = Args.index("vector-copy!", args[1]);
    Object[] from = slice("vector-copy!", Arrays.copyOfRange(args, 2, args.length)).toArray();
    if (at < 0 || at > to.size() || to.size() - at < from.length) {
      throw Errors.error(
          "vector-copy!: "
              + from.length
              + " items do not fit at index "
              + at
              + " of a vector of length "
              + to.size());
    }
    for (int i = 0; i < from.length; i++) {
      to.set(at + i, from[i]);
    }
    return Nothing.NOTHING;
  }

  private static Object fill(Object[] args) {
    List<Object> items = vector("vector-fill!", args[0]).items;
    int[] r = Text.range("vector-fill!", args, 2, items.size());
    for (int i = r[0]; i < r[1]; i++) {
      items.set(i, args[1]);
    }
    return Nothing.NOTHING;
  }

  private static Object append(Object[] args) {
    ArrayList<Object> items = new ArrayList<>();
    for (Object v : args) {
      items.addAll(vector("vector-append", v).items);
    }
    return new LispArray(items);
  }
}
