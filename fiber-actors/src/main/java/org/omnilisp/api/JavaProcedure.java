package org.omnilisp.api;

import java.util.List;

/**
 * A procedure written in Java for Lisp code to call ({@link OmniLisp#define(String, int, int,
 * JavaProcedure)}). It receives its arguments converted to Java values ({@link Values#toJava}) and
 * its result is converted back ({@link Values#toLisp}). Whatever it throws becomes a Lisp error
 * naming the procedure, with the exception kept as its cause. It runs on the calling fiber's thread
 * and must not block for long.
 */
@FunctionalInterface
public interface JavaProcedure {
  /**
   * Runs the procedure.
   *
   * @param args the arguments, converted to Java values
   * @return the result, a Java value (converted to Lisp)
   * @throws Exception becomes a Lisp error naming the procedure
   */
  Object call(List<Object> args) throws Exception;
}
