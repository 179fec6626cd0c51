package org.omnilisp.api;

import java.util.Arrays;
import java.util.concurrent.CompletionException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Procedure;
import org.omnilisp.machine.EvalForms;
import org.omnilisp.machine.Fiber;
import org.omnilisp.machine.Procedures;
import org.omnilisp.reader.Reader;

/**
 * A Lisp fiber as a {@link Behavior} that your actors spawn, watch and supervise. The actor starts
 * the fiber when it starts; when the fiber returns, the actor sends the result (converted to Java,
 * {@code null} for {@code nothing}) to {@code resultTo} if given, and stops; when the fiber fails,
 * the actor fails with a {@link LispError}, so its parent's supervision strategy decides (restart
 * runs the fiber again from the start). Stopping the actor cancels the fiber: its {@code finally}
 * clauses run.
 */
public final class FiberBehavior {
  /** The messages of a fiber behavior (all internal). */
  public interface Command {}

  /** What a fiber behavior sends when its fiber returns: the value converted to Java. */
  public record Result(Object value) {}

  private record Finished(Object value, Throwable error) implements Command {}

  private FiberBehavior() {}

  /** Runs the forms of {@code source} as a fiber. */
  public static Behavior<Command> ofScript(
      OmniLisp lisp, String source, ActorRef<Result> resultTo) {
    return of(
        lisp, () -> EvalForms.of(lisp.interpreter(), Reader.readAll(source, "behavior")), resultTo);
  }

  public static Behavior<Command> ofScript(OmniLisp lisp, String source) {
    return ofScript(lisp, source, null);
  }

  /** Calls a Lisp procedure (e.g. {@code lisp.lookup("worker")}) with {@code args} as a fiber. */
  public static Behavior<Command> ofProcedure(
      OmniLisp lisp, Object procedure, ActorRef<Result> resultTo, Object... args) {
    if (!(procedure instanceof Procedure p)) {
      throw new IllegalArgumentException("not a procedure: " + Values.write(procedure));
    }
    Object[] lispArgs = Arrays.stream(args).map(Values::toLisp).toArray();
    return of(lisp, () -> Procedures.thunk(p, lispArgs), resultTo);
  }

  private interface ThunkFactory {
    Procedure make();
  }

  private static Behavior<Command> of(
      OmniLisp lisp, ThunkFactory thunk, ActorRef<Result> resultTo) {
    return Behaviors.setup(
        context -> {
          Fiber fiber = lisp.fibers().spawn(thunk.make());
          lisp.fibers()
              .completion(fiber)
              .whenComplete((v, e) -> context.getSelf().tell(new Finished(v, e)));
          Runnable cancel =
              () -> {
                if (!fiber.state().isFinished()) {
                  lisp.fibers().cancel(fiber);
                }
              };
          return Behaviors.receive(Command.class)
              .onMessage(Finished.class, finished -> onFinished(finished, resultTo))
              .onSignal(
                  PostStop.class,
                  signal -> {
                    cancel.run();
                    return Behaviors.same();
                  })
              .onSignal(
                  PreRestart.class,
                  signal -> {
                    cancel.run();
                    return Behaviors.same();
                  })
              .build();
        });
  }

  private static Behavior<Command> onFinished(Finished finished, ActorRef<Result> resultTo) {
    if (finished.error() != null) {
      Throwable cause =
          finished.error() instanceof CompletionException c ? c.getCause() : finished.error();
      Object payload =
          cause instanceof LispThrow t ? t.payload() : new ErrorObject(String.valueOf(cause));
      throw new LispError(payload);
    }
    if (resultTo != null) {
      resultTo.tell(new Result(Values.toJava(finished.value())));
    }
    return Behaviors.stopped();
  }
}
