package org.omnilisp.machine;

import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.SourcePos;

/** {@code define} and {@code set!} of locals and globals. The value of the form is nothing. */
public abstract class Assign extends Node {
  protected final Node value;

  protected Assign(Node value, SourcePos pos) {
    super(pos);
    this.value = value;
  }

  abstract void store(Machine m, Object[] env, Object v);

  @Override
  public boolean tryInline(Machine m, Object[] env) {
    if (!value.isSimple()) {
      return false;
    }
    store(m, env, value.eval(m, env));
    m.value = Nothing.NOTHING;
    return true;
  }

  @Override
  public void exec(Machine m) {
    Object[] env = m.env;
    if (value.isSimple()) {
      store(m, env, value.eval(m, env));
      m.value = Nothing.NOTHING;
    } else {
      m.push(new StoreFrame(this, env));
      m.node = value;
    }
  }

  @Override
  Object run(Machine m, Object[] env) {
    Object v;
    try {
      v = value.run(m, env);
    } catch (Suspend | LispThrow e) {
      throw valueSuspended(e, env);
    }
    return storeHere(m, env, v);
  }

  /** What the value's {@code e} becomes: a {@link StoreFrame} added if the value was not simple. */
  Suspend valueSuspended(RuntimeException e, Object[] env) {
    Suspend s = Suspend.of(e, pos);
    return value.isSimple() ? s : s.add(new StoreFrame(this, env));
  }

  /** Stores {@code v} in direct style; the form's value. */
  Object storeHere(Machine m, Object[] env, Object v) {
    try {
      store(m, env, v);
    } catch (LispThrow t) {
      throw Suspend.of(t, pos);
    }
    return Nothing.NOTHING;
  }

  Node value() {
    return value;
  }

  @Override
  boolean mayPark() {
    return value.mayPark();
  }

  @Override
  int directDepth() {
    return value.directDepth() + 1;
  }

  private static final class StoreFrame extends Frame {
    private final Assign assign;
    private final Object[] env;

    StoreFrame(Assign assign, Object[] env) {
      this.assign = assign;
      this.env = env;
    }

    @Override
    public void resume(Machine m) {
      m.env = env;
      assign.store(m, env, m.value);
      m.value = Nothing.NOTHING;
    }

    @Override
    public SourcePos pos() {
      return assign.pos;
    }
  }

  /** A local slot (a local {@code define}, {@code set!}, or a {@code let} binding). */
  public static final class Local extends Assign {
    private final int depth;
    private final int index;
    private final String name;

    public Local(int depth, int index, String name, Node value, SourcePos pos) {
      super(value, pos);
      this.depth = depth;
      this.index = index;
      this.name = name;
    }

    @Override
    void store(Machine m, Object[] env, Object v) {
      Object[] e = env;
      for (int d = depth; d > 0; d--) {
        e = (Object[]) e[0];
      }
      if (name != null && v instanceof Closure c) {
        c.nameIfAnonymous(name);
      }
      e[index] = v;
    }
  }

  /** A global {@code define} (binds) or {@code set!} (the variable must exist). */
  public static final class ToGlobal extends Assign {
    private final Global cell;
    private final boolean define;

    public ToGlobal(Global cell, boolean define, Node value, SourcePos pos) {
      super(value, pos);
      this.cell = cell;
      this.define = define;
    }

    @Override
    void store(Machine m, Object[] env, Object v) {
      if (!define && !cell.isBound()) {
        throw Errors.error("set!: unbound variable: " + cell.name);
      }
      if (define && v instanceof Closure c) {
        c.nameIfAnonymous(cell.name.name());
      }
      cell.assign(v);
    }
  }
}
