package org.omnilisp.machine;

import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.SourcePos;

/**
 * {@code (try body... (catch e handler...) (finally cleanup...))}. Running it pushes a {@link
 * Cleanup} frame (if there is a finally clause) under a {@link Handler} frame (if there is a catch
 * clause), then runs the body. An error unwinding into the handler frame binds {@code e} and runs
 * the handler; the cleanup frame runs {@code finally} on every exit: normal return, error, and
 * cancellation (which is an error).
 */
public final class Try extends Node {
  private final Node body;
  private final int catchSlot;
  private final Node handler;
  private final Node cleanup;

  /** {@code handler} and {@code cleanup} may be null; {@code catchSlot} is a slot of this frame. */
  public Try(Node body, int catchSlot, Node handler, Node cleanup, SourcePos pos) {
    super(pos);
    this.body = body;
    this.catchSlot = catchSlot;
    this.handler = handler;
    this.cleanup = cleanup;
  }

  @Override
  public void exec(Machine m) {
    if (cleanup != null) {
      m.interp.noteWinder();
      m.push(new Cleanup(cleanup, m.env));
    }
    if (handler != null) {
      m.push(new Handler(this, m.env));
    }
    m.node = body;
  }

  private static final class Handler extends Frame {
    @Override
    protected boolean catchesRaise() {
      return true;
    }

    private final Try node;
    private final Object[] env;

    Handler(Try node, Object[] env) {
      this.node = node;
      this.env = env;
    }

    @Override
    public void resume(Machine m) {
      // the body returned normally: its value passes through
    }

    @Override
    public boolean unwind(Machine m, Object payload) {
      env[node.catchSlot] = payload;
      m.env = env;
      m.node = node.handler;
      return true;
    }
  }

  private static final class Cleanup extends Frame implements Winder {
    private final Node cleanup;
    private final Object[] env;

    Cleanup(Node cleanup, Object[] env) {
      this.cleanup = cleanup;
      this.env = env;
    }

    @Override
    public void resume(Machine m) {
      m.push(new Restore(m.value));
      m.env = env;
      m.node = cleanup;
    }

    @Override
    public boolean unwind(Machine m, Object payload) {
      m.push(new Rethrow(payload));
      m.env = env;
      m.node = cleanup;
      return true;
    }

    /** A continuation leaves the try: the finally clause runs, as on every other exit. */
    @Override
    public void windOut(Machine m) {
      m.env = env;
      m.node = cleanup;
    }

    @Override
    public void windIn(Machine m) {
      // entering a try body again needs nothing
    }
  }

  /** After a normal exit's cleanup: the body's value again. */
  private static final class Restore extends Frame {
    private final Object value;

    Restore(Object value) {
      this.value = value;
    }

    @Override
    public void resume(Machine m) {
      m.value = value;
    }
  }

  /** After an error's cleanup: the error goes on unwinding. */
  private static final class Rethrow extends Frame {
    private final Object payload;

    Rethrow(Object payload) {
      this.payload = payload;
    }

    @Override
    public void resume(Machine m) {
      throw new LispThrow(payload);
    }
  }
}
