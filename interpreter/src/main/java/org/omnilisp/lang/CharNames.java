package org.omnilisp.lang;

import java.util.Map;

/**
 * The character names of R7RS 6.6 ({@code #\alarm} ... {@code #\tab}), plus {@code nul} and {@code
 * linefeed}.
 */
public final class CharNames {
  private static final Map<String, Integer> NAMES =
      Map.ofEntries(
          Map.entry("alarm", 7),
          Map.entry("backspace", 8),
          Map.entry("delete", 0x7f),
          Map.entry("escape", 0x1b),
          Map.entry("newline", (int) '\n'),
          Map.entry("linefeed", (int) '\n'),
          Map.entry("null", 0),
          Map.entry("nul", 0),
          Map.entry("return", (int) '\r'),
          Map.entry("space", (int) ' '),
          Map.entry("tab", (int) '\t'));

  private CharNames() {}

  /** The code point a name stands for, or -1. */
  public static int codePoint(String name) {
    Integer c = NAMES.get(name);
    return c == null ? -1 : c;
  }
}
