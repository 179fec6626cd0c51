package org.omnilisp.api;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Procedure;
import org.omnilisp.lang.Symbol;
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

  /**
   * Runs the forms of {@code source} as a fiber; error positions name it {@code behavior}.
   *
   * @param lisp the runtime that runs the fiber
   * @param source the program text
   * @param resultTo told the value of the last form (or null: nobody is told)
   * @return the behavior
   */
  public static Behavior<Command> ofScript(
      OmniLisp lisp, String source, ActorRef<Result> resultTo) {
    return ofScript(lisp, "behavior", source, resultTo);
  }

  /**
   * Runs the forms of {@code source} as a fiber and tells nobody its value.
   *
   * @param lisp the runtime that runs the fiber
   * @param source the program text
   * @return the behavior
   */
  public static Behavior<Command> ofScript(OmniLisp lisp, String source) {
    return ofScript(lisp, source, null);
  }

  /**
   * Runs the forms of {@code source}; error positions name it {@code name} ({@code name:1:5}).
   *
   * @param lisp the runtime that runs the fiber
   * @param name the script's name in error positions
   * @param source the program text
   * @param resultTo told the value of the last form (or null: nobody is told)
   * @return the behavior
   */
  public static Behavior<Command> ofScript(
      OmniLisp lisp, String name, String source, ActorRef<Result> resultTo) {
    return of(
        lisp, () -> lisp.interpreter().formsProcedure(Reader.readAll(source, name)), resultTo);
  }

  /**
   * An actor whose messages a script reads from a channel: {@code source} runs as a fiber with the
   * variable {@code inbox} bound to a channel that receives every message sent to the actor
   * (converted with {@link Values#toLisp}; in the order they arrived, none lost). The script is the
   * body of a procedure of {@code inbox}, so its {@code define}s are its own. Error positions name
   * it {@code name}. When the actor stops, the fiber is canceled and the inbox closed; when the
   * fiber returns or fails, as {@link #ofScript}.
   *
   * @param lisp the runtime that runs the fiber
   * @param name the script's name in error positions
   * @param source the body of the procedure of {@code inbox}
   * @param resultTo told the value of the last form (or null: nobody is told)
   * @return the behavior, which accepts any message
   */
  public static Behavior<Object> withInbox(
      OmniLisp lisp, String name, String source, ActorRef<Result> resultTo) {
    return Behaviors.setup(
        context -> {
          SharedChannel handle = lisp.channel(0);
          Object inbox = Values.toLisp(handle);
          Object body = lisp.evalFormsHere(List.of(lambdaOfInbox(lisp.read(source, name))));
          Fiber fiber =
              lisp.fibers().spawn(Procedures.thunk((Procedure) body, new Object[] {inbox}));
          lisp.fibers()
              .completion(fiber)
              .whenComplete((v, e) -> context.getSelf().tell(new Finished(v, e)));
          Runnable stop =
              () -> {
                handle.close();
                if (!fiber.state().isFinished()) {
                  lisp.fibers().cancel(fiber);
                }
              };
          return Behaviors.receive(Object.class)
              .onMessage(Finished.class, finished -> onFinished(finished, resultTo))
              .onAnyMessage(
                  message -> {
                    handle.send(message); // queued in the channel actor, in arrival order
                    return Behaviors.same();
                  })
              .onSignal(PostStop.class, signal -> stopped(stop))
              .onSignal(PreRestart.class, signal -> stopped(stop))
              .build();
        });
  }

  private static Behavior<Object> stopped(Runnable stop) {
    stop.run();
    return Behaviors.same();
  }

  /** {@code (lambda (inbox) form ...)}. */
  private static Object lambdaOfInbox(List<Object> forms) {
    Object body = Nil.NIL;
    for (int i = forms.size() - 1; i >= 0; i--) {
      body = new Pair(forms.get(i), body);
    }
    return new Pair(Symbol.of("lambda"), new Pair(Pair.list(Symbol.of("inbox")), body));
  }

  /**
   * Calls a Lisp procedure (e.g. {@code lisp.lookup("worker")}) with {@code args} as a fiber.
   *
   * @param lisp the runtime that runs the fiber
   * @param procedure a Lisp procedure value
   * @param resultTo told the value it returns (or null: nobody is told)
   * @param args its arguments, Java values (converted with {@link Values#toLisp})
   * @return the behavior
   * @throws IllegalArgumentException if {@code procedure} is not a procedure
   */
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

  private static <T> Behavior<T> onFinished(Finished finished, ActorRef<Result> resultTo) {
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
