package org.omnilisp.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A conformance script and what it must do. Expectations are comments in the script:
 *
 * <ul>
 *   <li>{@code ; expect: TEXT} — the next line of standard output is exactly TEXT;
 *   <li>{@code ; expect error: TEXT} — the script ends with an uncaught error whose report contains
 *       TEXT (several such lines: the report, with its call chain, contains them in a row).
 * </ul>
 */
record Script(Path path, String source, List<String> output, String error) {
  private static final String OUTPUT = "; expect: ";
  private static final String ERROR = "; expect error: ";

  static Script load(Path path) throws IOException {
    String source = Files.readString(path, StandardCharsets.UTF_8);
    List<String> output = new ArrayList<>();
    String error = null;
    for (String line : source.split("\n", -1)) {
      String text = line.strip();
      if (text.startsWith(OUTPUT)) {
        output.add(text.substring(OUTPUT.length()));
      } else if (text.equals(OUTPUT.strip())) {
        output.add("");
      } else if (text.startsWith(ERROR)) {
        // several lines: the report contains them one after another
        String part = text.substring(ERROR.length());
        error = error == null ? part : error + "\n" + part;
      }
    }
    return new Script(path, source, output, error);
  }

  String name(Path root) {
    return root.relativize(path).toString();
  }
}
