package org.omnilisp.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnilisp.interp.Interpreter;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Printer;

/** Libraries on the search path (OMNI_PATH), loaded once; exit through the exit handler. */
class LibrariesTest {
  @TempDir Path dir;

  private static Interpreter interpreter(ByteArrayOutputStream out) {
    return new Interpreter(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @Test
  void aLibraryOnTheSearchPathIsFoundAndLoadedOnce() throws IOException {
    Path lib = Files.createDirectories(dir.resolve("lib/tools"));
    Files.writeString(
        lib.resolve("math.sld"),
        "(define-library (tools math) (export sq) (begin (display \"load \")"
            + " (define (sq x) (* x x))))");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Interpreter interp = interpreter(out);
    LispThrow missing =
        assertThrows(LispThrow.class, () -> interp.eval("(import (tools math))", "-e"));
    assertTrue(
        missing.getMessage().contains("import: no library named (tools math); searched: "),
        missing.getMessage());
    analyzerOf(interp).setSearchPath(List.of(Path.of("/no/such/dir"), dir.resolve("lib")));
    Object v =
        interp.eval(
            "(import (tools math)) (import (prefix (tools math) t:)) (+ (sq 3) (t:sq 2))", "-e");
    assertEquals("13", Printer.write(v));
    assertEquals("load ", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theSearchPathIsNamedInTheError() {
    Interpreter interp = interpreter(new ByteArrayOutputStream());
    analyzerOf(interp).setSearchPath(List.of(dir));
    LispThrow t = assertThrows(LispThrow.class, () -> interp.eval("(import (foo bar))", "-e"));
    assertTrue(t.getMessage().contains("; searched: "), t.getMessage());
    assertTrue(t.getMessage().contains(dir.toString()), t.getMessage());
  }

  @Test
  void exitHandsItsStatusToTheHandler() {
    Interpreter interp = interpreter(new ByteArrayOutputStream());
    List<String> calls = new ArrayList<>();
    interp.setExitHandler((status, emergency) -> calls.add(status + (emergency ? "!" : "")));
    interp.eval(
        "(exit) (exit true) (exit false) (exit 7) (emergency-exit 3) (emergency-exit)", "-e");
    assertEquals(List.of("0", "0", "1", "7", "3!", "0!"), calls);
    LispThrow t = assertThrows(LispThrow.class, () -> interp.eval("(exit 'later)", "-e"));
    assertTrue(
        t.getMessage().contains("exit: expected an integer or a boolean, got later"),
        t.getMessage());
  }

  @Test
  void jiffiesAdvance() {
    Interpreter interp = interpreter(new ByteArrayOutputStream());
    Object v =
        interp.eval(
            "(let ((a (current-jiffy))) (let loop ((i 0)) (if (< i 1000) (loop (+ i 1))))"
                + " (list (>= (current-jiffy) a) (> (current-second) 1.7e9)))",
            "-e");
    assertEquals("(true true)", Printer.write(v));
  }

  private static Libraries analyzerOf(Interpreter interp) {
    return interp.libraries();
  }
}
