package org.omnilisp.lang;

import java.util.ArrayDeque;

/**
 * One printing of a value by {@link Printer}: an iterative walk with an explicit stack of open
 * containers, so the depth of a value is bounded by the heap, not the Java stack.
 *
 * <p>With {@code shared} (the cycles of the value, see {@link SharedStructure}) a container on a
 * cycle is printed {@code #n=...} the first time and {@code #n#} after. Without it the walk gives
 * up (returns false) after {@code budget} containers, and stops quietly once the output is longer
 * than {@code limit} characters (when {@code limit >= 0}).
 */
final class PrintWalk {
  private static final Object[] NONE = new Object[0];

  private final boolean write;
  private final StringBuilder out;
  private final SharedStructure shared;
  private final int limit;
  private long budget;
  private int nextLabel;

  /** An open container: a list (at {@code cell}) or a sequence of {@code items}. */
  private static final class Open {
    Pair cell;
    Object[] items;
    int next;
    String close;
  }

  PrintWalk(boolean write, StringBuilder out, SharedStructure shared, long budget, int limit) {
    this.write = write;
    this.out = out;
    this.shared = shared;
    this.budget = budget;
    this.limit = limit;
  }

  /** Prints {@code value}; false if the budget ran out (the output is then incomplete). */
  boolean run(Object value) {
    ArrayDeque<Open> stack = new ArrayDeque<>();
    Object pending = value;
    boolean hasPending = true;
    while (true) {
      if (limit >= 0 && out.length() > limit) {
        return true;
      }
      if (hasPending) {
        hasPending = false;
        Object v = pending;
        if (!Printer.isContainer(v)) {
          Printer.printAtom(v, write, out);
          continue;
        }
        if (--budget < 0) {
          return false;
        }
        if (labelled(v)) {
          int n = shared.labels.get(v);
          if (n >= 0) {
            out.append('#').append(n).append('#');
            continue;
          }
          n = nextLabel++;
          shared.labels.put(v, n);
          out.append('#').append(n).append('=');
        }
        if (v instanceof Pair p) {
          String prefix = quotePrefix(p);
          if (prefix != null) {
            out.append(prefix);
            pending = ((Pair) p.cdr).car;
            hasPending = true;
            continue;
          }
          out.append('(');
          Open o = new Open();
          o.cell = p;
          stack.push(o);
          pending = p.car;
          hasPending = true;
          continue;
        }
        Open o = new Open();
        o.items = shared != null ? shared.childrenOf(v) : snapshot(v);
        o.close = v instanceof LispArray ? "]" : "}";
        out.append(v instanceof LispArray ? "[" : "#{");
        stack.push(o);
        continue;
      }
      Open o = stack.peek();
      if (o == null) {
        return true;
      }
      if (o.cell != null) {
        Object rest = o.cell.cdr;
        if (rest == Nil.NIL) {
          out.append(')');
          stack.pop();
        } else if (rest instanceof Pair next && !labelled(next)) {
          if (--budget < 0) {
            return false;
          }
          out.append(' ');
          o.cell = next;
          pending = next.car;
          hasPending = true;
        } else {
          out.append(" . ");
          o.cell = null;
          o.items = NONE;
          o.close = ")";
          pending = rest;
          hasPending = true;
        }
      } else if (o.next < o.items.length) {
        if (o.next > 0) {
          out.append(' ');
        }
        pending = o.items[o.next++];
        hasPending = true;
      } else {
        out.append(o.close);
        stack.pop();
      }
    }
  }

  private boolean labelled(Object container) {
    return shared != null && shared.labels.containsKey(container);
  }

  /** {@code (quote x)} prints as {@code 'x}, unless a label must go on its inner pair. */
  private String quotePrefix(Pair p) {
    if (p.car instanceof Symbol s
        && p.cdr instanceof Pair rest
        && rest.cdr == Nil.NIL
        && !labelled(rest)) {
      return Printer.quotePrefix(s.name());
    }
    return null;
  }

  private static Object[] snapshot(Object container) {
    return container instanceof LispArray a ? a.snapshot() : ((Dict) container).snapshot();
  }
}
