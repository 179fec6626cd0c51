package org.omnilisp.runner;

import java.util.List;
import org.omnilisp.api.OmniLisp;

/** {@code (command-line)}: the script's own arguments, as a list of strings. */
final class CommandLineArgs {
  private CommandLineArgs() {}

  static void install(OmniLisp lisp, List<String> args) {
    List<Object> copy = List.copyOf(args);
    lisp.define("command-line", 0, 0, none -> copy);
  }
}
