package org.omnilisp.runner;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The command line of an {@code omni} run in a child JVM, from this test's class path. */
final class ChildOmni {
  private ChildOmni() {}

  static List<String> command(List<String> jvmOptions, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(classPath());
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** How a script run in a child JVM ended: its exit value, its output, its error output. */
  record Ended(int exit, String out, String err) {}

  /**
   * Runs {@code script} (a file in {@code dir}) in a child JVM with {@code jvmOptions}, its input
   * closed and its output in files of {@code dir}; fails with {@code hangs} if it has not ended
   * within 150 s.
   */
  static Ended runScript(Path dir, List<String> jvmOptions, Path script, String hangs)
      throws Exception {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p =
        new ProcessBuilder(command(jvmOptions, script.toString()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    p.getOutputStream().close();
    boolean ended = p.waitFor(150, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    assertTrue(ended, hangs);
    return new Ended(p.exitValue(), Files.readString(out), Files.readString(err).strip());
  }

  private static String classPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  /** {@code cmd} as one shell word each (for {@code script -c}). */
  static String shellLine(List<String> cmd) {
    StringBuilder out = new StringBuilder();
    for (String word : cmd) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append('\'').append(word.replace("'", "'\\''")).append('\'');
    }
    return out.toString();
  }

  static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(dir, program).canExecute()) {
        return true;
      }
    }
    return false;
  }
}
