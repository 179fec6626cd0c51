package org.omnilisp.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The code blocks of docs/embedding.md must be cut from code that CI compiles and runs (the
 * embedding example), so the documentation cannot drift from it.
 */
@org.junit.jupiter.api.Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
class DocSnippetsTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern BLOCK =
      Pattern.compile("```(java|lisp)\\n(.*?)\\n```", Pattern.DOTALL);

  @Test
  void everySnippetOfTheEmbeddingGuideIsInTheExample() throws IOException {
    String doc = Files.readString(ROOT.resolve("docs/embedding.md"));
    String sources = normalized(exampleSources());
    Matcher m = BLOCK.matcher(doc);
    List<String> snippets = new ArrayList<>();
    while (m.find()) {
      snippets.add(m.group(2));
    }
    assertFalse(snippets.isEmpty(), "docs/embedding.md has code blocks");
    for (String snippet : snippets) {
      assertTrue(
          sources.contains(normalized(snippet)),
          () -> "snippet not found in examples/embedding:\n" + snippet);
    }
  }

  private static String exampleSources() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT.resolve("examples/embedding/src"))) {
      return files
          .filter(Files::isRegularFile)
          .map(DocSnippetsTest::read)
          .collect(Collectors.joining("\n"));
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Compares line by line, ignoring indentation. */
  private static String normalized(String text) {
    return text.lines().map(String::strip).collect(Collectors.joining("\n"));
  }
}
