package org.omnilisp.machine;

import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Procedure;

/** A procedure written in Lisp: a {@link Lambda} and the environment it closes over. */
public final class Closure extends Procedure {
  final Lambda lambda;
  final Object[] env;
  private String name;

  Closure(Lambda lambda, Object[] env) {
    this.lambda = lambda;
    this.env = env;
  }

  /** The source position of the body (for errors raised on the closure's behalf), or null. */
  public org.omnilisp.lang.SourcePos bodyPos() {
    return lambda.body != null ? lambda.body.pos() : null;
  }

  @Override
  public String name() {
    return name != null ? name : lambda.name;
  }

  /** {@code (define f (lambda ...))} names the procedure after the variable. */
  void nameIfAnonymous(String n) {
    if (lambda.name.equals("lambda") && name == null) {
      name = n;
    }
  }

  /** Makes the environment frame of a call. */
  Object[] bind(Object[] args) {
    int n = args.length;
    int required = lambda.required;
    if (n != required && !(lambda.rest && n > required)) {
      throw arityError(n);
    }
    Object[] frame = new Object[lambda.frameSize + 1];
    frame[0] = env;
    System.arraycopy(args, 0, frame, 1, required);
    if (lambda.rest) {
      Object list = Nil.NIL;
      for (int i = n - 1; i >= required; i--) {
        list = new Pair(args[i], list);
      }
      frame[required + 1] = list;
    }
    return frame;
  }

  /** Whether a call with {@code n} arguments fills exactly the parameters (the fast path). */
  boolean takesExactly(int n) {
    return !lambda.rest && lambda.required == n;
  }

  Object[] newFrame() {
    Object[] frame = new Object[lambda.frameSize + 1];
    frame[0] = env;
    return frame;
  }

  RuntimeException arityError(int got) {
    return Errors.arity(name(), (lambda.rest ? "at least " : "") + plural(lambda.required), got);
  }

  private static String plural(int n) {
    return n + (n == 1 ? " argument" : " arguments");
  }
}
