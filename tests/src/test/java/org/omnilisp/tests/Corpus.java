package org.omnilisp.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The conformance scripts under a folder, in a stable order (files under a {@code fixtures} folder
 * are data the scripts use, not scripts).
 */
final class Corpus {
  private Corpus() {}

  static List<Script> load(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.toString().endsWith(".omni"))
          .filter(p -> !p.toString().contains("/fixtures/"))
          .sorted()
          .map(Corpus::loadOne)
          .toList();
    }
  }

  private static Script loadOne(Path p) {
    try {
      return Script.load(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
