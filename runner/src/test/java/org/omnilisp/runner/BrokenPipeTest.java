package org.omnilisp.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code omni script | head -2}: the script stops once its output pipe is closed, quietly. */
class BrokenPipeTest {
  @Test
  @Timeout(120)
  void aClosedStandardOutputEndsTheScriptQuietly(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("forever.omni");
    Files.writeString(script, "(let loop ((i 0)) (println \"line \" i) (loop (+ i 1)))\n");
    Process p =
        new ProcessBuilder(ChildOmni.command(List.of("-Xmx256m"), script.toString()))
            .redirectError(dir.resolve("stderr.txt").toFile())
            .start();
    p.getOutputStream().close();
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    assertEquals("line 0", lines.readLine());
    assertEquals("line 1", lines.readLine());
    lines.close(); // as head does after two lines
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the script goes on after its pipe closed");
    assertEquals(StdoutGuard.BROKEN_PIPE, p.exitValue());
    assertEquals("", Files.readString(dir.resolve("stderr.txt")));
  }
}
