package org.omnilisp.machine;

import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Procedure;
import org.omnilisp.lang.SourcePos;

/**
 * R7RS exception handlers (6.11): {@code with-exception-handler} pushes an {@link Installed} frame
 * around its thunk. A raise looks down the frame chain for the nearest one, before anything
 * unwinds, and calls its handler where the raise happened, with the handlers outside it current (a
 * {@link Running} frame makes the search skip to below the handler's own frame). The search stops
 * at a frame that catches raises itself (a {@code catch}, the bottom of a machine or coroutine):
 * then the raise unwinds to it as {@code try} always did.
 */
public final class Handlers {
  private Handlers() {}

  /** {@code (with-exception-handler handler thunk)}. */
  public static void withExceptionHandler(Machine m, Object[] args) {
    if (!(args[0] instanceof Procedure)) {
      throw Errors.wrongType("with-exception-handler", "a procedure", args[0]);
    }
    if (!(args[1] instanceof Procedure)) {
      throw Errors.wrongType("with-exception-handler", "a procedure", args[1]);
    }
    m.push(new Installed(args[0]));
    m.apply(args[1], Machine.NO_ARGS);
  }

  /** {@code (raise-continuable obj)}: the handler's value is the call's value. */
  public static void raiseContinuable(Machine m, Object[] args) {
    if (!callHandler(m, args[0], true)) {
      throw new LispThrow(args[0]);
    }
  }

  /**
   * Calls the current handler on {@code payload}, if there is one before a frame that catches it;
   * returns false when the raise should unwind instead. The cancellation error never goes to a
   * handler: it must reach the {@code finally} clauses and the fiber's end.
   */
  static boolean callHandler(Machine m, Object payload, boolean continuable) {
    if (payload instanceof ErrorObject e && Fiber.CANCELED.equals(e.message())) {
      return false;
    }
    Installed h = find(m.k);
    if (h == null) {
      return false;
    }
    m.push(new Running(h));
    if (!continuable) {
      m.push(new Returned(payload));
    }
    m.node = new Machine.StartNode((Procedure) h.handler, new Object[] {payload});
    return true;
  }

  private static Installed find(Frame f) {
    while (f != null) {
      if (f instanceof Installed h) {
        return h;
      }
      if (f instanceof Running r) {
        f = r.handler.next;
      } else if (f.catchesRaise()) {
        return null;
      } else {
        f = f.next;
      }
    }
    return null;
  }

  /** Around the thunk of {@code with-exception-handler}. */
  private static final class Installed extends Frame {
    private final Object handler;

    Installed(Object handler) {
      this.handler = handler;
    }

    @Override
    public void resume(Machine m) {
      // the thunk returned: its value passes through
    }
  }

  /** Under a running handler: raises in it go to the handlers outside {@code handler}. */
  private static final class Running extends Frame {
    private final Installed handler;

    Running(Installed handler) {
      this.handler = handler;
    }

    @Override
    public void resume(Machine m) {
      // the handler returned: its value is that of raise-continuable
    }
  }

  /** A handler returned from a non-continuable raise: a secondary error, where it ran. */
  private static final class Returned extends Frame {
    private final Object payload;

    Returned(Object payload) {
      this.payload = payload;
    }

    @Override
    public SourcePos pos() {
      return payload instanceof ErrorObject e ? e.pos() : null;
    }

    @Override
    public void resume(Machine m) {
      throw new LispThrow(
          new ErrorObject(
              "raise: the handler returned from a non-continuable raise",
              new Pair(payload, org.omnilisp.lang.Nil.NIL)));
    }
  }
}
