package org.omnilisp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.omnilisp.api.LispError;
import org.omnilisp.api.OmniLisp;

/**
 * Runs every {@code .omni} script under {@code src/test/omni} (one folder per feature) and checks
 * its output against the {@code ; expect:} lines it carries. The same corpus runs under several
 * hosts: the plain blocking host; one that stops every machine after a few steps and goes on from
 * the saved continuation, which must not change any output; a fiber pool of one thread; and the
 * plain host compiling every direct-style procedure to bytecode at its first call.
 */
class ConformanceTest {
  static final Path ROOT = Path.of("src/test/omni");

  /**
   * The most one script may take under any host: a script that hangs fails instead of hanging the
   * build. Generous, for a loaded machine; the slowest scripts take a few seconds.
   */
  static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);

  @TestFactory
  Stream<DynamicNode> scripts() throws IOException {
    List<Script> scripts = Corpus.load(ROOT);
    return Stream.of(
        suite("blocking host", scripts, lisp -> {}),
        suite("sliced host (3 steps a slice)", scripts, lisp -> lisp.fibers().useSlices(3)),
        suite("fiber pool of one thread", scripts, lisp -> lisp.setPoolSize(1)),
        suite(
            "every procedure compiled on its first direct call",
            scripts,
            lisp -> lisp.interpreter().setCompileThreshold(0)));
  }

  private static DynamicContainer suite(
      String name, List<Script> scripts, Consumer<OmniLisp> setup) {
    return DynamicContainer.dynamicContainer(
        name,
        scripts.stream()
            .map(
                s ->
                    DynamicTest.dynamicTest(
                        s.name(ROOT),
                        s.path().toUri(),
                        () ->
                            assertTimeoutPreemptively(
                                SCRIPT_TIMEOUT,
                                () -> run(s, setup),
                                () -> s.name(ROOT) + " did not finish within " + SCRIPT_TIMEOUT))));
  }

  static void run(Script script, Consumer<OmniLisp> setup) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    LispError error = evaluate(script, setup, out);
    String printed = bytes.toString(StandardCharsets.UTF_8);
    List<String> lines = printed.isEmpty() ? List.of() : List.of(printed.split("\n", -1));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines = lines.subList(0, lines.size() - 1);
    }
    assertEquals(String.join("\n", script.output()), String.join("\n", lines), "standard output");
    if (script.error() == null) {
      assertNull(error, () -> "unexpected error: " + OmniLisp.describe(error));
    } else {
      assertNotNull(error, "expected an error containing: " + script.error());
      // positions name the script by the path it ran under; expectations give the file name only
      String report =
          OmniLisp.describeWithChain(error).replace(script.path().getParent() + "/", "");
      assertTrue(
          report.contains(script.error()),
          () -> "error report '" + report + "' does not contain '" + script.error() + "'");
    }
  }

  /** Runs the script; returns its uncaught error, or null. */
  private static LispError evaluate(Script script, Consumer<OmniLisp> setup, PrintStream out) {
    try (OmniLisp lisp = OmniLisp.create(out)) {
      setup.accept(lisp);
      lisp.evalHere(script.source(), script.path().toString());
      return null;
    } catch (LispError e) {
      return e;
    }
  }
}
