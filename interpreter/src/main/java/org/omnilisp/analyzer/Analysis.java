package org.omnilisp.analyzer;

import org.omnilisp.lang.SourcePos;

/**
 * The state of analysing one top-level form: its top-level environment and the count of macro
 * expansions, so that a macro that expands forever stops with an error instead of running on.
 */
final class Analysis {
  /** At most this many macro expansions per top-level form. */
  static final int MAX_EXPANSIONS = 100_000;

  final Environment env;
  private int expansions;

  Analysis(Environment env) {
    this.env = env;
  }

  void countExpansion(Object name, SourcePos pos) {
    if (++expansions > MAX_EXPANSIONS) {
      throw Syntax.error(
          "macro expansion: more than " + MAX_EXPANSIONS + " steps expanding " + name, pos);
    }
  }
}
