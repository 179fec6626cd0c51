package org.omnilisp.api;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A procedure written in Java whose result comes later ({@link OmniLisp#defineAsync}): a call parks
 * the calling fiber (or blocks the main program) until the stage completes, then returns its value
 * converted with {@link Values#toLisp}. A stage that fails raises a Lisp error naming the procedure
 * with the failure as its cause. Use it to {@code ask} an actor from Lisp.
 */
@FunctionalInterface
public interface AsyncJavaProcedure {
  /**
   * Starts the procedure's work.
   *
   * @param args the arguments, converted to Java values
   * @return the stage whose value (converted to Lisp) the calling fiber gets
   * @throws Exception becomes a Lisp error naming the procedure
   */
  CompletionStage<?> call(List<Object> args) throws Exception;
}
