package org.omnilisp.builtins;

import java.util.ArrayList;
import java.util.Arrays;
import org.omnilisp.lang.Equality;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispArray;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Pair;
import org.omnilisp.machine.Machine;

/**
 * {@code (sort seq less?)}: a new list or array with the items of {@code seq} in order. A stable
 * bottom-up merge sort: runs of width 1, 2, 4, ... are merged from one buffer into the other, and
 * an item of the right run goes first only when {@code (less? right left)} holds, so equal items
 * keep their order. {@code less?} may be any procedure (a closure that parks too): each comparison
 * is one step of a {@link CallLoop}.
 */
final class SortPrimitives {
  private SortPrimitives() {}

  static void install(Builtins b) {
    b.machine("sort", 2, 2, (m, args) -> new MergeSort(args).drive(m));
  }

  private static final class MergeSort extends CallLoop {
    private final boolean array;
    private final int n;
    private Object[] src;
    private Object[] dst;
    private int width = 1;
    private int lo;
    private int mid;
    private int hi;
    private int i;
    private int j;
    private int k;

    MergeSort(Object[] args) {
      super(Args.procedure("sort", args[1]));
      Object seq = args[0];
      if (seq instanceof LispArray a) {
        array = true;
        src = a.items.toArray();
      } else if (seq == Nil.NIL || seq instanceof Pair) {
        array = false;
        src = new Object[Args.length("sort", seq)];
        int x = 0;
        for (Object cur = seq; cur instanceof Pair p; cur = p.cdr) {
          src[x++] = p.car;
        }
      } else {
        throw Errors.wrongType("sort", "a list or an array", seq);
      }
      n = src.length;
      dst = new Object[n];
      run(0);
    }

    private void run(int start) {
      lo = start;
      mid = Math.min(lo + width, n);
      hi = Math.min(lo + 2 * width, n);
      i = lo;
      j = mid;
      k = lo;
    }

    @Override
    Object[] next(Machine m) {
      while (width < n) {
        if (i < mid && j < hi) {
          return new Object[] {src[j], src[i]};
        }
        while (i < mid) {
          dst[k++] = src[i++];
        }
        while (j < hi) {
          dst[k++] = src[j++];
        }
        if (hi >= n) {
          Object[] t = src;
          src = dst;
          dst = t;
          width *= 2;
          run(0);
        } else {
          run(hi);
        }
      }
      m.setValue(array ? new LispArray(new ArrayList<>(Arrays.asList(src))) : Pair.list(src));
      return null;
    }

    @Override
    void accept(Object rightFirst) {
      dst[k++] = Equality.isTrue(rightFirst) ? src[j++] : src[i++];
    }
  }
}
