package org.omnilisp.builtins;

import org.omnilisp.lang.Equality;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Pair;
import org.omnilisp.machine.Frame;
import org.omnilisp.machine.Machine;

/**
 * {@code apply}, {@code map}, {@code for-each}, {@code filter}, {@code reduce}: machine primitives
 * that call their procedure through a frame, so the procedure may yield or park like any other code
 * and the iteration goes on where it stopped.
 */
final class HigherOrderPrimitives {
  private HigherOrderPrimitives() {}

  static void install(Builtins b) {
    b.machine("apply", 2, -1, HigherOrderPrimitives::apply);
    b.machine("map", 2, -1, (m, args) -> new Each(args, "map", true).step(m));
    b.machine("for-each", 2, -1, (m, args) -> new Each(args, "for-each", false).step(m));
    b.machine("filter", 2, 2, (m, args) -> new Filter(args).step(m));
    b.machine("reduce", 3, 3, (m, args) -> new Reduce(args).step(m));
  }

  private static void apply(Machine m, Object[] args) {
    Object last = Args.list("apply", args[args.length - 1]);
    int spread = Args.length("apply", last);
    Object[] operands = new Object[args.length - 2 + spread];
    System.arraycopy(args, 1, operands, 0, args.length - 2);
    int i = args.length - 2;
    for (Object cur = last; cur instanceof Pair p; cur = p.cdr) {
      operands[i++] = p.car;
    }
    m.apply(Args.procedure("apply", args[0]), operands);
  }

  /** Builds a list in order by appending at its tail. */
  private static final class ListBuilder {
    private Object head = Nil.NIL;
    private Pair last;

    void add(Object x) {
      Pair cell = new Pair(x, Nil.NIL);
      if (last == null) {
        head = cell;
      } else {
        last.cdr = cell;
      }
      last = cell;
    }

    /** A builder with a copy of the list so far (for a frame a continuation captured). */
    ListBuilder copy() {
      ListBuilder b = new ListBuilder();
      for (Object cur = head; cur instanceof Pair p; cur = p.cdr) {
        b.add(p.car);
      }
      return b;
    }
  }

  /** map and for-each over one or more lists; stops at the end of the shortest. */
  private static final class Each extends Frame {
    private final Object fn;
    private Object[] lists;
    private ListBuilder results;

    Each(Object[] args, String op, boolean collect) {
      this.fn = Args.procedure(op, args[0]);
      this.lists = new Object[args.length - 1];
      for (int i = 1; i < args.length; i++) {
        lists[i - 1] = Args.list(op, args[i]);
      }
      this.results = collect ? new ListBuilder() : null;
    }

    void step(Machine m) {
      Object[] operands = new Object[lists.length];
      for (int i = 0; i < lists.length; i++) {
        if (!(lists[i] instanceof Pair p)) {
          m.setValue(results != null ? results.head : Nothing.NOTHING);
          return;
        }
        operands[i] = p.car;
        lists[i] = p.cdr;
      }
      m.push(this);
      m.apply(fn, operands);
    }

    @Override
    protected Frame copy() {
      Each c = (Each) cloneFrame();
      c.lists = lists.clone();
      c.results = results != null ? results.copy() : null;
      return c;
    }

    @Override
    public void resume(Machine m) {
      if (results != null) {
        results.add(m.value());
      }
      step(m);
    }
  }

  private static final class Filter extends Frame {
    private final Object pred;
    private Object rest;
    private Object candidate;
    private ListBuilder kept = new ListBuilder();

    Filter(Object[] args) {
      this.pred = Args.procedure("filter", args[0]);
      this.rest = Args.list("filter", args[1]);
    }

    void step(Machine m) {
      if (!(rest instanceof Pair p)) {
        m.setValue(kept.head);
        return;
      }
      candidate = p.car;
      rest = p.cdr;
      m.push(this);
      m.apply(pred, new Object[] {candidate});
    }

    @Override
    protected Frame copy() {
      Filter c = (Filter) cloneFrame();
      c.kept = kept.copy();
      return c;
    }

    @Override
    public void resume(Machine m) {
      if (Equality.isTrue(m.value())) {
        kept.add(candidate);
      }
      step(m);
    }
  }

  /** {@code (reduce f init list)}: folds from the left, calling {@code (f accumulator item)}. */
  private static final class Reduce extends Frame {
    private final Object fn;
    private Object acc;
    private Object rest;

    Reduce(Object[] args) {
      this.fn = Args.procedure("reduce", args[0]);
      this.acc = args[1];
      this.rest = Args.list("reduce", args[2]);
    }

    void step(Machine m) {
      if (!(rest instanceof Pair p)) {
        m.setValue(acc);
        return;
      }
      rest = p.cdr;
      m.push(this);
      m.apply(fn, new Object[] {acc, p.car});
    }

    @Override
    protected Frame copy() {
      return cloneFrame();
    }

    @Override
    public void resume(Machine m) {
      acc = m.value();
      step(m);
    }
  }
}
