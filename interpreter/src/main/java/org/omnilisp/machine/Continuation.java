package org.omnilisp.machine;

import java.util.ArrayList;
import java.util.List;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.MultipleValues;
import org.omnilisp.lang.Printable;
import org.omnilisp.lang.Procedure;

/**
 * A continuation of {@code call/cc} (R7RS 6.10), re-entrant. Capturing marks every frame of the
 * chain {@code shared} (down to the first one already marked, or to the base of the running
 * coroutine, which delimits it): from then on the machine resumes a copy of a frame that changes
 * its own fields, so the captured chain stays intact however often it runs. Frames no continuation
 * has captured keep being reused in place.
 *
 * <p>A continuation belongs to the fiber (coroutine or spawned fiber) it was captured in, or to the
 * thread for code outside every fiber; invoking it elsewhere is an error. Invoking it runs the
 * {@link Winder#windOut} of the extents it leaves, innermost first, then the {@link Winder#windIn}
 * of those it enters, outermost first, then returns the values to the captured chain with the
 * parameter bindings and scope it had.
 */
public final class Continuation extends ControlProcedure implements Printable {
  private final Frame k;
  private final Object owner;
  private final ParamBinding params;
  private final BodyScope scope;

  private Continuation(Frame k, Object owner, ParamBinding params, BodyScope scope) {
    this.k = k;
    this.owner = owner;
    this.params = params;
    this.scope = scope;
  }

  /** {@code (call/cc f)}. */
  public static void callCC(Machine m, Object[] args) {
    if (!(args[0] instanceof Procedure)) {
      throw Errors.wrongType("call/cc", "a procedure", args[0]);
    }
    Frame base = delimiter(m);
    for (Frame f = m.k; f != null && f != base && !f.shared; f = f.next) {
      f.shared = true;
    }
    m.apply(args[0], new Object[] {new Continuation(m.k, owner(m), m.params, m.scope)});
  }

  private static Frame delimiter(Machine m) {
    return m.current != null ? m.current.base : null;
  }

  private static Object owner(Machine m) {
    return m.current != null ? m.current : Thread.currentThread();
  }

  @Override
  void invoke(Machine m, Object[] args) {
    if (owner(m) != owner) {
      throw Errors.error("continuation: captured in another fiber");
    }
    Object value = args.length == 1 ? args[0] : new MultipleValues(args.clone());
    if (!m.interp.windersUsed()) {
      install(m, value); // no extent to leave or enter anywhere
      return;
    }
    Frame base = delimiter(m);
    List<Winder> from = winders(m.k, base);
    List<Winder> to = winders(k, base);
    int i = from.size();
    int j = to.size();
    while (i > 0 && j > 0 && from.get(i - 1) == to.get(j - 1)) {
      i--;
      j--;
    }
    if (i == 0 && j == 0) {
      install(m, value);
      return;
    }
    Winder[] plan = new Winder[i + j];
    boolean[] out = new boolean[i + j];
    for (int x = 0; x < i; x++) {
      plan[x] = from.get(x);
      out[x] = true;
    }
    for (int x = 0; x < j; x++) {
      plan[i + x] = to.get(j - 1 - x);
    }
    new Step(this, plan, out, 0, value).go(m);
  }

  private static List<Winder> winders(Frame f, Frame stop) {
    List<Winder> list = null;
    for (; f != null && f != stop; f = f.next) {
      if (f instanceof Winder w) {
        if (list == null) {
          list = new ArrayList<>();
        }
        list.add(w);
      }
    }
    return list == null ? List.of() : list;
  }

  private void install(Machine m, Object value) {
    m.k = k;
    m.params = params;
    m.scope = scope;
    m.node = null;
    m.value = value;
  }

  @Override
  public String name() {
    return "continuation";
  }

  @Override
  public String printForm() {
    return "#<continuation>";
  }

  /** Runs one wind-out or wind-in of a continuation's way, then the next, then goes there. */
  private static final class Step extends Frame {
    private final Continuation target;
    private final Winder[] plan;
    private final boolean[] out;
    private final int index;
    private final Object value;

    Step(Continuation target, Winder[] plan, boolean[] out, int index, Object value) {
      this.target = target;
      this.plan = plan;
      this.out = out;
      this.index = index;
      this.value = value;
    }

    void go(Machine m) {
      if (index == plan.length) {
        target.install(m, value);
        return;
      }
      Winder w = plan[index];
      m.k = ((Frame) w).next;
      m.node = null;
      m.push(new Step(target, plan, out, index + 1, value));
      if (out[index]) {
        w.windOut(m);
      } else {
        w.windIn(m);
      }
    }

    @Override
    public void resume(Machine m) {
      go(m);
    }
  }
}
