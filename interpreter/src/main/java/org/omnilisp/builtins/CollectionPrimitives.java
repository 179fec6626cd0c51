package org.omnilisp.builtins;

import java.util.ArrayList;
import java.util.Arrays;
import org.omnilisp.lang.Dict;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispArray;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Pair;

/** Arrays and dicts. */
final class CollectionPrimitives {
  private CollectionPrimitives() {}

  static void install(Builtins b) {
    b.defN("array", 0, -1, items -> new LispArray(new ArrayList<>(Arrays.asList(items))));
    b.def1("array?", x -> x instanceof LispArray);
    b.def2("array-ref", CollectionPrimitives::arrayRef);
    b.def3("array-set!", CollectionPrimitives::arraySet);
    b.def1("array-length", a -> (long) Args.array("array-length", a).items.size());
    b.def1("array->list", a -> Pair.list(Args.array("array->list", a).snapshot()));
    b.def1("list->array", CollectionPrimitives::listToArray);
    b.def2("array-push!", CollectionPrimitives::arrayPush);
    b.defN("dict", 0, -1, CollectionPrimitives::dict);
    b.def1("dict?", x -> x instanceof Dict);
    b.defN("dict-ref", 2, 3, CollectionPrimitives::dictRef);
    b.def3("dict-set!", CollectionPrimitives::dictSet);
    b.def1("dict-keys", d -> Pair.list(Args.dict("dict-keys", d).map.keySet().toArray()));
    b.def1("dict-values", d -> Pair.list(Args.dict("dict-values", d).map.values().toArray()));
    b.def2("dict-has?", (d, k) -> Args.dict("dict-has?", d).map.containsKey(k));
    b.def2("dict-remove!", CollectionPrimitives::dictRemove);
  }

  // One element, no lock (see LispArray): the bounds test is the access's own.
  private static Object arrayRef(Object a, Object k) {
    LispArray array = Args.array("array-ref", a);
    int i = Args.index("array-ref", k);
    Object x = array.get(i);
    if (x == null) {
      throw outOfRange("array-ref", i, array);
    }
    return x;
  }

  private static Object arraySet(Object a, Object k, Object v) {
    LispArray array = Args.array("array-set!", a);
    int i = Args.index("array-set!", k);
    if (!array.set(i, v)) {
      throw outOfRange("array-set!", i, array);
    }
    return Nothing.NOTHING;
  }

  private static RuntimeException outOfRange(String op, int i, LispArray a) {
    return Errors.error(op + ": index " + i + " out of range for an array of length " + a.size());
  }

  private static Object arrayPush(Object a, Object v) {
    Args.array("array-push!", a).items.add(v);
    return Nothing.NOTHING;
  }

  private static Object listToArray(Object list) {
    ArrayList<Object> items = new ArrayList<>();
    for (Object cur = Args.list("list->array", list); cur instanceof Pair p; cur = p.cdr) {
      items.add(p.car);
    }
    return new LispArray(items);
  }

  private static Object dict(Object[] args) {
    if (args.length % 2 != 0) {
      throw Errors.error("dict: expected key value pairs, got an odd number of arguments");
    }
    Dict d = new Dict();
    for (int i = 0; i < args.length; i += 2) {
      d.map.put(args[i], args[i + 1]);
    }
    return d;
  }

  /** A missing key gives the default, or {@code nothing} when none is given. */
  private static Object dictRef(Object[] args) {
    Dict d = Args.dict("dict-ref", args[0]);
    Object v = d.map.get(args[1]);
    if (v != null) {
      return v;
    }
    return args.length > 2 ? args[2] : Nothing.NOTHING;
  }

  private static Object dictSet(Object d, Object k, Object v) {
    Args.dict("dict-set!", d).map.put(k, v);
    return Nothing.NOTHING;
  }

  private static Object dictRemove(Object d, Object k) {
    Args.dict("dict-remove!", d).map.remove(k);
    return Nothing.NOTHING;
  }
}
