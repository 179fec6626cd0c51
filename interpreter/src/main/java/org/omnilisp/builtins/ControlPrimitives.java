package org.omnilisp.builtins;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.MultipleValues;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Promise;
import org.omnilisp.machine.Context;
import org.omnilisp.machine.Continuation;
import org.omnilisp.machine.DynamicWind;
import org.omnilisp.machine.Frame;
import org.omnilisp.machine.Handlers;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.Parameterize;

/**
 * R7RS control (6.10, 6.11, 4.2.5, 4.2.6): continuations, {@code dynamic-wind}, multiple values,
 * exception handlers and error objects, parameters and promises. The syntax on top of them ({@code
 * guard}, {@code parameterize}, {@code let-values}, {@code delay}, ...) is in control.omni.
 */
final class ControlPrimitives {
  private ControlPrimitives() {}

  static void install(Builtins b) {
    b.machine("call/cc", 1, 1, Continuation::callCC);
    b.machine("call-with-current-continuation", 1, 1, Continuation::callCC);
    b.machine("dynamic-wind", 3, 3, DynamicWind::call);
    b.defN("values", 0, -1, args -> args.length == 1 ? args[0] : new MultipleValues(args));
    b.machine("call-with-values", 2, 2, ControlPrimitives::callWithValues);
    b.machine("with-exception-handler", 2, 2, Handlers::withExceptionHandler);
    b.machine("raise-continuable", 1, 1, Handlers::raiseContinuable);
    b.def1("error-object?", x -> x instanceof ErrorObject);
    b.def1("error-object-message", e -> errorObject("error-object-message", e).message());
    b.def1("error-object-irritants", e -> errorObject("error-object-irritants", e).irritants());
    b.def1("read-error?", x -> x instanceof ErrorObject e && e.kind() == ErrorObject.Kind.READ);
    b.def1("file-error?", x -> x instanceof ErrorObject e && e.kind() == ErrorObject.Kind.FILE);
    b.machine("make-parameter", 1, 2, Parameterize::makeParameter);
    b.machine(
        "%parameterize",
        3,
        3,
        (m, a) -> {
          Object[] ps = toArray(a[0]);
          Object[] vs = toArray(a[1]);
          Parameterize.run(m, ps, vs, Args.procedure("parameterize", a[2]));
        });
    b.def1("make-promise", x -> x instanceof Promise ? x : Promise.done(x));
    b.def1("%make-done-promise", Promise::done);
    b.def1("%make-lazy-promise", Promise::lazy);
    b.def1("promise?", x -> x instanceof Promise);
    b.def1("%promise-done?", p -> promise(p).isDone());
    b.def1("%promise-value", p -> promise(p).value());
    b.def2(
        "%promise-update!",
        (next, p) -> {
          promise(p).takeOver(promise(next));
          return org.omnilisp.lang.Nothing.NOTHING;
        });
  }

  /** Defines the syntax of control.omni (guard, parameterize, let-values, delay, ...). */
  static void loadSyntax(Context interp) {
    try (InputStream in = ControlPrimitives.class.getResourceAsStream("control.omni")) {
      interp.loadNested(new String(in.readAllBytes(), StandardCharsets.UTF_8), "control.omni");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object[] toArray(Object list) {
    java.util.List<Object> items = new java.util.ArrayList<>();
    for (Object cur = Args.list("parameterize", list); cur instanceof Pair p; cur = p.cdr) {
      items.add(p.car);
    }
    return items.toArray();
  }

  private static void callWithValues(Machine m, Object[] args) {
    Object consumer = Args.procedure("call-with-values", args[1]);
    m.push(new Spread(consumer));
    m.apply(Args.procedure("call-with-values", args[0]), new Object[0]);
  }

  /** Calls the consumer with the producer's values as arguments. */
  private static final class Spread extends Frame {
    private final Object consumer;

    Spread(Object consumer) {
      this.consumer = consumer;
    }

    @Override
    public void resume(Machine m) {
      Object v = m.value();
      m.apply(consumer, v instanceof MultipleValues mv ? mv.values.clone() : new Object[] {v});
    }
  }

  private static Promise promise(Object x) {
    if (x instanceof Promise p) {
      return p;
    }
    throw Errors.wrongType("force", "a promise", x);
  }

  private static ErrorObject errorObject(String op, Object x) {
    if (x instanceof ErrorObject e) {
      return e;
    }
    throw Errors.wrongType(op, "an error object", x);
  }
}
