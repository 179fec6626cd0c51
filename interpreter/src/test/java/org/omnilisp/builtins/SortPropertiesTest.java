package org.omnilisp.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.omnilisp.interp.Interpreter;
import org.omnilisp.lang.LispArray;
import org.omnilisp.lang.Pair;

/**
 * {@code (sort seq less?)} is a permutation of its argument, ordered, and stable: items whose keys
 * are equal keep their order. Items are {@code (key . position)} pairs, sorted by key only, with a
 * closure as {@code less?} (through the machine) and with a built-in primitive (called directly).
 */
class SortPropertiesTest {
  private final Interpreter interp = new Interpreter();
  private final Object byKey = interp.eval("(lambda (a b) (< (car a) (car b)))", "test");
  private final Object less = interp.lookup("<");

  @Property(tries = 200)
  void aSortedListIsAStablePermutation(
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 5) Integer> keys) {
    Object[] items = items(keys);
    Object sorted =
        interp.callNested(interp.lookup("sort"), new Object[] {Pair.list(items), byKey});
    assertStableSort(items, toArray(sorted));
  }

  @Property(tries = 200)
  void aSortedArrayIsAStablePermutation(
      @ForAll @Size(max = 60) List<@IntRange(min = -3, max = 3) Integer> keys) {
    Object[] items = items(keys);
    LispArray array = new LispArray(new ArrayList<>(Arrays.asList(items)));
    Object sorted = interp.callNested(interp.lookup("sort"), new Object[] {array, byKey});
    assertStableSort(items, ((LispArray) sorted).items.toArray());
    assertEquals(Arrays.asList(items), array.items, "the argument is left as it was");
  }

  @Property(tries = 200)
  void aPrimitiveLessSortsLikeJava(
      @ForAll @Size(max = 80) List<@IntRange(min = -50, max = 50) Integer> xs) {
    Object[] numbers = xs.stream().map(Integer::longValue).toArray();
    Object sorted =
        interp.callNested(interp.lookup("sort"), new Object[] {Pair.list(numbers), less});
    Object[] expected = numbers.clone();
    Arrays.sort(expected);
    assertEquals(Arrays.asList(expected), Arrays.asList(toArray(sorted)));
  }

  private static Object[] items(List<Integer> keys) {
    Object[] items = new Object[keys.size()];
    for (int i = 0; i < items.length; i++) {
      items[i] = new Pair((long) keys.get(i), (long) i);
    }
    return items;
  }

  private static Object[] toArray(Object list) {
    List<Object> out = new ArrayList<>();
    for (Object cur = list; cur instanceof Pair p; cur = p.cdr) {
      out.add(p.car);
    }
    return out.toArray();
  }

  /** Same items (by identity), keys ascending, positions ascending among equal keys. */
  private static void assertStableSort(Object[] original, Object[] sorted) {
    Object[] expected = original.clone();
    Arrays.sort(expected, Comparator.comparingLong(x -> (Long) ((Pair) x).car));
    assertEquals(expected.length, sorted.length);
    for (int i = 0; i < expected.length; i++) {
      assertTrue(expected[i] == sorted[i], "item " + i + ": stable sort order");
    }
  }
}
