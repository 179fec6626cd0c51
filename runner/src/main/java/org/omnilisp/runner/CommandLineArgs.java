package org.omnilisp.runner;

import java.util.List;
import org.omnilisp.api.OmniLisp;
import org.omnilisp.lang.Pair;
import org.omnilisp.machine.Primitive;

/** {@code (command-line)}: the script's own arguments, as a list of strings. */
final class CommandLineArgs {
  private CommandLineArgs() {}

  static void install(OmniLisp lisp, List<String> args) {
    Object list = Pair.list(args.toArray());
    lisp.define("command-line", Primitive.of0("command-line", () -> list));
  }
}
