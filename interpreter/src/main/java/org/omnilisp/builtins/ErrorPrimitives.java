package org.omnilisp.builtins;

import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Printer;

/** {@code error}, {@code raise} and error objects. */
final class ErrorPrimitives {
  private ErrorPrimitives() {}

  static void install(Builtins b) {
    b.defN("error", 1, -1, ErrorPrimitives::error);
    b.def1(
        "raise",
        x -> {
          throw new LispThrow(x);
        });
    b.def1("error?", x -> x instanceof ErrorObject);
    b.def1("error-message", e -> errorObject("error-message", e).message());
    b.def1("error-irritants", e -> errorObject("error-irritants", e).irritants());
  }

  private static Object error(Object[] args) {
    String message = args[0] instanceof String s ? s : Printer.display(args[0]);
    Object[] irritants = new Object[args.length - 1];
    System.arraycopy(args, 1, irritants, 0, irritants.length);
    throw new LispThrow(new ErrorObject(message, Pair.list(irritants)));
  }

  private static ErrorObject errorObject(String op, Object x) {
    if (x instanceof ErrorObject e) {
      return e;
    }
    throw Errors.wrongType(op, "an error object", x);
  }
}
