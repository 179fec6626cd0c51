package org.omnilisp.runner;

import java.util.List;

/**
 * Whether a program's text names an operation that starts the fiber runtime's actor system ({@code
 * spawn}, {@code with-fibers}, {@code chan}): the runner then begins that start at once, on another
 * thread ({@code OmniLisp.createStartingFibers}), instead of at the first spawn. A hint only, read
 * from the text before the program is read: a name in a comment or a string counts too (the start
 * then runs for nothing on the other core, and does not keep the program from ending), and a
 * program that spawns through other names ({@code join} of a fiber never spawned, a macro from
 * another file, {@code eval}) starts its runtime at its first spawn, as without the hint.
 */
final class FiberHint {
  private static final List<String> NAMES = List.of("spawn", "with-fibers", "chan");

  private FiberHint() {}

  /** Whether {@code text} holds one of the names as a whole symbol. */
  static boolean startsFibers(CharSequence text) {
    String s = text.toString();
    for (String name : NAMES) {
      for (int i = s.indexOf(name); i >= 0; i = s.indexOf(name, i + 1)) {
        if (delimits(s, i - 1) && delimits(s, i + name.length())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the character at {@code i} ends a symbol (or {@code i} is outside the text). */
  private static boolean delimits(String s, int i) {
    if (i < 0 || i >= s.length()) {
      return true;
    }
    char c = s.charAt(i);
    return Character.isWhitespace(c) || "()[]{}\"';`,".indexOf(c) >= 0;
  }
}
