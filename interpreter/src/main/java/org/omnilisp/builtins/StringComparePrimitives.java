package org.omnilisp.builtins;

import java.util.function.IntPredicate;

/**
 * {@code string=? string<? string>? string<=? string>=?} and their {@code -ci} forms (R7RS 6.7):
 * n-ary, ordered by code point; the {@code -ci} forms compare the strings' case folds.
 */
final class StringComparePrimitives {
  private StringComparePrimitives() {}

  static void install(Builtins b) {
    String[] names = {"=?", "<?", ">?", "<=?", ">=?"};
    IntPredicate[] orders = {c -> c == 0, c -> c < 0, c -> c > 0, c -> c <= 0, c -> c >= 0};
    for (int i = 0; i < names.length; i++) {
      define(b, "string" + names[i], orders[i], false);
      define(b, "string-ci" + names[i], orders[i], true);
    }
  }

  private static void define(Builtins b, String name, IntPredicate order, boolean foldcase) {
    b.defN(
        name,
        1,
        -1,
        args -> {
          boolean result = true;
          String prev = text(name, args[0], foldcase);
          for (int i = 1; i < args.length; i++) {
            String next = text(name, args[i], foldcase);
            result &= order.test(Text.compare(prev, next));
            prev = next;
          }
          return result;
        });
  }

  private static String text(String op, Object x, boolean foldcase) {
    String s = Args.string(op, x);
    return foldcase ? Text.foldcase(s) : s;
  }
}
