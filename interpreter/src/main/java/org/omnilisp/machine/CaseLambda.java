package org.omnilisp.machine;

import org.omnilisp.lang.Errors;

/**
 * {@code case-lambda} (R7RS 4.2.9): a procedure that calls the first of its clauses (closures)
 * whose parameter list accepts the number of arguments; the clause runs as a tail call.
 */
public final class CaseLambda {
  private CaseLambda() {}

  /** The primitive the analyzer calls with the clause closures to make the procedure. */
  public static final Primitive MAKE =
      Primitive.ofN("case-lambda", 1, -1, clauses -> make("case-lambda", clauses));

  static MachinePrimitive make(String name, Object[] clauses) {
    Closure[] cs = new Closure[clauses.length];
    for (int i = 0; i < cs.length; i++) {
      cs[i] = (Closure) clauses[i];
    }
    return new MachinePrimitive(
        name,
        0,
        -1,
        (m, args) -> {
          for (Closure c : cs) {
            if (args.length == c.lambda.required
                || (c.lambda.rest && args.length > c.lambda.required)) {
              m.apply(c, args);
              return;
            }
          }
          throw Errors.error(name + ": no clause accepts " + args.length + " argument(s)");
        });
  }
}
