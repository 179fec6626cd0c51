package org.omnilisp.builtins;

import java.math.BigInteger;
import org.omnilisp.lang.Bytevector;
import org.omnilisp.lang.Dict;
import org.omnilisp.lang.Equality;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.LispArray;
import org.omnilisp.lang.LispChar;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Printable;
import org.omnilisp.lang.Procedure;
import org.omnilisp.lang.Ratio;
import org.omnilisp.lang.Symbol;

/** Equality, {@code not}, {@code type-of} and the general predicates. */
public final class PredicatePrimitives {
  private PredicatePrimitives() {}

  static void install(Builtins b) {
    b.def1("not", x -> !Equality.isTrue(x));
    b.def2("eq?", Equality::eq);
    b.def2("eqv?", Equality::eqv);
    b.def2("equal?", Equality::equal);
    b.def1("procedure?", x -> x instanceof Procedure);
    b.def1("boolean?", x -> x instanceof Boolean);
    b.def1("nothing?", x -> x == Nothing.NOTHING);
    b.def1("type-of", x -> Symbol.of(typeName(x)));
  }

  /** The symbol {@code type-of} answers; documented in docs/language.md. */
  public static String typeName(Object x) {
    if (x instanceof Long || x instanceof BigInteger) {
      return "integer";
    }
    if (x instanceof Double) {
      return "float";
    }
    if (x instanceof Ratio) {
      return "rational";
    }
    if (x instanceof Bytevector) {
      return "bytevector";
    }
    if (x instanceof String) {
      return "string";
    }
    if (x instanceof LispChar) {
      return "char";
    }
    if (x instanceof Boolean) {
      return "boolean";
    }
    if (x == Nothing.NOTHING) {
      return "nothing";
    }
    if (x instanceof Symbol) {
      return "symbol";
    }
    if (x instanceof Pair || x == Nil.NIL) {
      return "list";
    }
    if (x instanceof LispArray) {
      return "array";
    }
    if (x instanceof Dict) {
      return "dict";
    }
    if (x instanceof Procedure) {
      return "procedure";
    }
    if (x instanceof ErrorObject) {
      return "error";
    }
    if (x instanceof Printable p) {
      String form = p.printForm();
      int end = form.indexOf(' ') > 0 ? form.indexOf(' ') : form.length() - 1;
      return form.substring(2, end);
    }
    return x.getClass().getSimpleName();
  }
}
