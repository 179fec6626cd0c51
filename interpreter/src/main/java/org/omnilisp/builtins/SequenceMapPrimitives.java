package org.omnilisp.builtins;

import java.util.ArrayList;
import java.util.List;
import org.omnilisp.lang.LispArray;
import org.omnilisp.lang.LispChar;
import org.omnilisp.lang.Nothing;
import org.omnilisp.machine.Machine;

/**
 * {@code string-map}, {@code string-for-each}, {@code vector-map}, {@code vector-for-each} (R7RS
 * 6.7, 6.8, 6.10): one or more sequences, up to the end of the shortest. Machine primitives, so the
 * procedure may yield or park.
 */
final class SequenceMapPrimitives {
  private SequenceMapPrimitives() {}

  static void install(Builtins b) {
    b.machine("string-map", 2, -1, (m, args) -> new Each("string-map", args, true, true).drive(m));
    b.machine(
        "string-for-each",
        2,
        -1,
        (m, args) -> new Each("string-for-each", args, true, false).drive(m));
    b.machine("vector-map", 2, -1, (m, args) -> new Each("vector-map", args, false, true).drive(m));
    b.machine(
        "vector-for-each",
        2,
        -1,
        (m, args) -> new Each("vector-for-each", args, false, false).drive(m));
  }

  /** The walk over the sequences: item {@code i} of each, then {@code i + 1}, ... */
  private static final class Each extends CallLoop {
    private final String op;
    private final boolean strings;
    private final Object[][] items;
    private final int length;
    private final List<Object> results;
    private int i;

    Each(String op, Object[] args, boolean strings, boolean collect) {
      super(Args.procedure(op, args[0]));
      this.op = op;
      this.strings = strings;
      this.items = new Object[args.length - 1][];
      int shortest = Integer.MAX_VALUE;
      for (int j = 1; j < args.length; j++) {
        items[j - 1] =
            strings
                ? Args.string(op, args[j]).codePoints().mapToObj(LispChar::of).toArray()
                : VectorPrimitives.vector(op, args[j]).items.toArray();
        shortest = Math.min(shortest, items[j - 1].length);
      }
      this.length = shortest;
      this.results = collect ? new ArrayList<>(length) : null;
    }

    @Override
    Object[] next(Machine m) {
      if (i == length) {
        m.setValue(results == null ? Nothing.NOTHING : result());
        return null;
      }
      Object[] args = new Object[items.length];
      for (int j = 0; j < items.length; j++) {
        args[j] = items[j][i];
      }
      i++;
      return args;
    }

    private Object result() {
      if (!strings) {
        return new LispArray(results);
      }
      StringBuilder out = new StringBuilder();
      for (Object c : results) {
        out.appendCodePoint(Text.character(op, c).codePoint());
      }
      return out.toString();
    }

    @Override
    void accept(Object result) {
      if (results != null) {
        if (strings) {
          Text.character(op, result);
        }
        results.add(result);
      }
    }
  }
}
