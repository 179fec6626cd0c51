package org.omnilisp.runner;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
