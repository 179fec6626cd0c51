package org.omnilisp.analyzer;

import java.util.List;
import org.omnilisp.lang.Alias;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.SourcePos;
import org.omnilisp.lang.Symbol;

/**
 * {@code cond-expand} (R7RS 4.2.1, 5.6.1): picks the first clause whose feature requirement holds —
 * a feature of {@link #FEATURES}, {@code (library name)}, {@code and}, {@code or}, {@code not},
 * {@code else}. No clause holding is an empty expansion.
 */
final class CondExpand {
  private static final List<String> FEATURES = org.omnilisp.machine.Context.FEATURES;

  private CondExpand() {}

  /** The body of the first clause that holds (a list of forms or declarations). */
  static Object select(Pair form, Libraries libraries, SourcePos pos) {
    for (Object clause : Syntax.list(form.cdr, "cond-expand", pos)) {
      if (!(clause instanceof Pair c)) {
        throw Syntax.error(
            "cond-expand: bad clause, expected (requirement body...), got "
                + Errors.describe(Alias.strip(clause)),
            pos);
      }
      if (holds(c.car, libraries, Syntax.posOf(c, pos))) {
        return c.cdr;
      }
    }
    return Nil.NIL;
  }

  private static boolean holds(Object req, Libraries libraries, SourcePos pos) {
    Object r = Alias.base(req);
    if (r instanceof Symbol s) {
      return s.name().equals("else") || FEATURES.contains(s.name());
    }
    if (req instanceof Pair p && Alias.base(p.car) instanceof Symbol op) {
      List<Object> args = Syntax.list(p.cdr, "cond-expand", pos);
      switch (op.name()) {
        case "and":
          for (Object a : args) {
            if (!holds(a, libraries, pos)) {
              return false;
            }
          }
          return true;
        case "or":
          for (Object a : args) {
            if (holds(a, libraries, pos)) {
              return true;
            }
          }
          return false;
        case "not":
          if (args.size() == 1) {
            return !holds(args.get(0), libraries, pos);
          }
          break;
        case "library":
          if (args.size() == 1) {
            return libraries.exists(args.get(0), pos);
          }
          break;
        default:
          break;
      }
    }
    throw Syntax.error(
        "cond-expand: bad feature requirement " + Errors.describe(Alias.strip(req)), pos);
  }
}
