package org.omnilisp.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.omnilisp.fibers.FiberRuntime;
import org.omnilisp.lang.Printer;
import org.omnilisp.machine.Fiber;
import org.omnilisp.machine.SpawnedTask;

/**
 * The Java side of a Lisp fiber: what a fiber value becomes when it reaches Java ({@link
 * Values#toJava}, e.g. the result of {@code (spawn ...)} returned by {@link OmniLisp#eval}), and
 * turns back into the same fiber when Java passes it to Lisp ({@link Values#toLisp}). Two handles
 * of the same fiber are equal. Thread-safe.
 */
public final class FiberHandle {
  private final Fiber fiber;

  FiberHandle(Fiber fiber) {
    this.fiber = fiber;
  }

  /** The Lisp fiber this handle stands for. */
  Fiber fiber() {
    return fiber;
  }

  /**
   * The fiber's number, as Lisp prints it ({@code #<fiber 3 done>}).
   *
   * @return the fiber's id
   */
  public long id() {
    return fiber.id();
  }

  /**
   * The fiber's state, as {@code fiber-state} gives it: {@code "new"}, {@code "running"}, {@code
   * "parked"}, {@code "suspended"}, {@code "done"}, {@code "failed"} or {@code "canceled"}.
   *
   * @return the state's name
   */
  public String state() {
    return fiber.state().symbol().name();
  }

  /**
   * Completes with the fiber's result (converted with {@link Values#toJava}) once it has finished,
   * or exceptionally with a {@link LispError} if it failed or was canceled, or with a {@link
   * RuntimeStoppedException} if its runtime stops first. Joining from Java marks the fiber joined,
   * as a Lisp {@code join} does. A fiber that was never spawned (a coroutine) fails the stage with
   * an {@code IllegalStateException}: resume it from Lisp instead.
   *
   * @return the fiber's completion
   */
  public CompletionStage<Object> join() {
    FiberRuntime runtime = FiberRuntime.of(fiber);
    if (runtime == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("join: " + this + " was never spawned"));
    }
    return OmniLisp.settled(runtime, runtime.completion(fiber));
  }

  /**
   * Requests the fiber's cancellation: it raises {@code canceled} at its next park (its {@code
   * finally} clauses run), or at once if it is parked. Does nothing to a finished fiber.
   */
  public void cancel() {
    SpawnedTask task = fiber.host();
    if (task != null) {
      task.cancel();
    } else {
      fiber.requestCancel();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FiberHandle h && h.fiber == fiber;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(fiber);
  }

  /** The fiber as Lisp writes it, e.g. {@code #<fiber 3 done>}. */
  @Override
  public String toString() {
    return Printer.write(fiber);
  }
}
