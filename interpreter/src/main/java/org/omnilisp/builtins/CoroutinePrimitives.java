package org.omnilisp.builtins;

import org.omnilisp.lang.Nothing;
import org.omnilisp.machine.Coroutines;
import org.omnilisp.machine.Fiber;
import org.omnilisp.machine.MachinePrimitive;

/** {@code resume}, {@code yield}, {@code fiber?}, {@code fiber-state} and the scope hook. */
final class CoroutinePrimitives {
  private CoroutinePrimitives() {}

  static void install(Builtins b) {
    b.add(
        new MachinePrimitive(
            "resume",
            1,
            2,
            (m, args) ->
                Coroutines.resume(
                    m, Args.fiber("resume", args[0]), args.length > 1 ? args[1] : Nothing.NOTHING),
            Coroutines::resumeNow));
    b.machine(
        "yield",
        0,
        1,
        (m, args) -> Coroutines.yield(m, args.length > 0 ? args[0] : Nothing.NOTHING));
    b.def1("fiber?", x -> x instanceof Fiber);
    b.def1("fiber-state", f -> Args.fiber("fiber-state", f).state().symbol());
    // Without a fiber runtime a with-fibers scope has nothing to supervise: it just runs its body.
    b.machine("%with-fibers", 1, 1, (m, args) -> m.apply(args[0], new Object[0]));
  }
}
