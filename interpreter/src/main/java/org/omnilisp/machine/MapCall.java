package org.omnilisp.machine;

import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Procedure;
import org.omnilisp.lang.SourcePos;

/**
 * {@code (map f list)} and {@code (for-each f list)} of simple operands, one list, while the global
 * holds the built-in. The built-in is a machine primitive (its procedure may park), so without this
 * node a procedure that calls {@code map} (deriv) could never run in direct style. In direct style
 * this node calls {@code f} on the Java stack for each element ({@link Direct#call}); when one of
 * those calls must suspend, it adds the frame the built-in would have had at that point ({@link
 * MapFrame}: the rest of the list, the results so far), so the machine goes on exactly as with the
 * built-in. Each element is a step of the slice's budget. On the machine, and whenever the operands
 * are not the plain case (not a procedure, not a short proper list, the global redefined), it is
 * the ordinary call, which raises the built-in's errors.
 */
final class MapCall extends Node {
  /** Longer lists (or circular ones) go to the built-in, which checks them. */
  private static final int MAX_CHECKED = 100_000;

  private final Global cell;
  private final MachinePrimitive prim;
  private final Node fn;
  private final Node list;
  private final boolean collect;
  private final Call generic;

  private MapCall(Global cell, MachinePrimitive prim, Node fn, Node list, SourcePos pos) {
    super(pos);
    this.cell = cell;
    this.prim = prim;
    this.fn = fn;
    this.list = list;
    this.collect = prim.name().equals("map");
    this.generic = new Call(new GlobalRef(cell, pos), new Node[] {fn, list}, pos);
  }

  /** The node for a call of the machine primitive {@code prim}, or null if it is not this shape. */
  static Node of(Global cell, MachinePrimitive prim, Node[] args, SourcePos pos) {
    String name = prim.name();
    if (!(name.equals("map") || name.equals("for-each"))
        || args.length != 2
        || !args[0].isSimple()
        || !args[1].isSimple()
        || args[0].simpleDepth() + args[1].simpleDepth() > PrimCall.MAX_SIMPLE_DEPTH) {
      return null;
    }
    return new MapCall(cell, prim, args[0], args[1], pos);
  }

  @Override
  public void exec(Machine m) {
    generic.exec(m);
  }

  @Override
  boolean mayPark() {
    return fn.mayPark() || list.mayPark();
  }

  @Override
  int directDepth() {
    return Math.max(fn.simpleDepth(), list.simpleDepth()) + 2;
  }

  @Override
  Object run(Machine m, Object[] env) {
    Object f;
    Object l;
    try {
      f = fn.eval(m, env);
      l = list.eval(m, env);
    } catch (LispThrow t) {
      throw Suspend.of(t, pos);
    }
    if (cell.raw() != prim || !(f instanceof Procedure) || !shortProperList(l)) {
      return Direct.call(m, cell.get(), new Object[] {f, l}, pos, false);
    }
    Pair head = null;
    Pair last = null;
    for (Object cur = l; cur instanceof Pair p; cur = p.cdr) {
      Object v;
      try {
        if (--m.steps < 0 && m.sliceEnds()) {
          throw Suspend.apply(f, new Object[] {p.car}, pos);
        }
        v = Direct.call(m, f, new Object[] {p.car}, pos, false);
      } catch (Suspend | LispThrow e) {
        throw Suspend.of(e, pos).add(new MapFrame(this, f, p.cdr, head, last));
      }
      if (collect) {
        Pair cell = new Pair(v, Nil.NIL);
        if (last == null) {
          head = cell;
        } else {
          last.cdr = cell;
        }
        last = cell;
      }
    }
    return collect ? (head != null ? head : Nil.NIL) : Nothing.NOTHING;
  }

  private static boolean shortProperList(Object l) {
    Object cur = l;
    for (int n = 0; n < MAX_CHECKED && cur instanceof Pair p; n++) {
      cur = p.cdr;
    }
    return cur == Nil.NIL;
  }

  /**
   * The rest of a {@link MapCall} on the machine: it receives the value of {@code f} on the current
   * element and goes on with the rest of the list as the built-in's own frame does.
   */
  private static final class MapFrame extends Frame {
    private final MapCall call;
    private final Object f;
    private Object rest;
    private Pair head;
    private Pair last;

    MapFrame(MapCall call, Object f, Object rest, Pair head, Pair last) {
      this.call = call;
      this.f = f;
      this.rest = rest;
      this.head = head;
      this.last = last;
    }

    @Override
    public void resume(Machine m) {
      if (call.collect) {
        Pair cell = new Pair(m.value, Nil.NIL);
        if (last == null) {
          head = cell;
        } else {
          last.cdr = cell;
        }
        last = cell;
      }
      if (rest instanceof Pair p) {
        rest = p.cdr;
        m.push(this);
        m.site = call.pos;
        m.apply(f, new Object[] {p.car});
      } else {
        m.value = call.collect ? (head != null ? head : Nil.NIL) : Nothing.NOTHING;
      }
    }

    @Override
    protected Frame copy() {
      MapFrame c = (MapFrame) cloneFrame();
      c.head = null;
      c.last = null;
      for (Object cur = head; cur instanceof Pair p; cur = p.cdr) {
        Pair cell = new Pair(p.car, Nil.NIL);
        if (c.last == null) {
          c.head = cell;
        } else {
          c.last.cdr = cell;
        }
        c.last = cell;
      }
      return c;
    }

    @Override
    public SourcePos pos() {
      return call.pos;
    }
  }
}
