package org.omnilisp.builtins;

/**
 * Every composition of {@code car} and {@code cdr} two to four deep, {@code caar} to {@code cddddr}
 * (R7RS 6.4 and the {@code (scheme cxr)} library). The letters apply right to left: {@code (cadr
 * x)} is {@code (car (cdr x))}.
 */
final class CxrPrimitives {
  private CxrPrimitives() {}

  static void install(Builtins b) {
    for (int depth = 2; depth <= 4; depth++) {
      for (int bits = 0; bits < 1 << depth; bits++) {
        StringBuilder letters = new StringBuilder();
        for (int i = depth - 1; i >= 0; i--) {
          letters.append((bits >> i & 1) == 0 ? 'a' : 'd');
        }
        define(b, "c" + letters + "r", letters.toString());
      }
    }
  }

  private static void define(Builtins b, String name, String letters) {
    b.def1(
        name,
        x -> {
          Object cur = x;
          for (int i = letters.length() - 1; i >= 0; i--) {
            var p = Args.pair(name, cur);
            cur = letters.charAt(i) == 'a' ? p.car : p.cdr;
          }
          return cur;
        });
  }
}
