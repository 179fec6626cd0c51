package org.omnilisp.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Joins that run their fiber in place nest on one thread's stack (up to 16 deep), each from inside
 * a direct-style recursion, the innermost a recursion far deeper than the direct-style budget: with
 * a large budget ({@code -Domnilisp.directStack}) and the JVM's default 1 MiB thread stacks, as an
 * embedder might run, the nested machines share the budget (Machine.runAbove) and the program ends
 * with its value, no stack overflow.
 */
@Timeout(180)
class NestedJoinStackTest {
  private static final String PROGRAM =
      "(define (count n) (if (= n 0) 0 (+ 1 (count (- n 1)))))\n"
          + "(define (down d k)\n"
          + "  (if (= d 0) (join (spawn (fiber (nest (- k 1))))) (+ 1 (down (- d 1) k))))\n"
          + "(define (nest k) (if (= k 0) (count 200000) (down 60 k)))\n"
          + "(println (join (spawn (fiber (nest 17)))))\n";

  @Test
  void nestedJoinsShareTheStackBudget(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("nest.omni");
    Files.writeString(script, PROGRAM);
    ChildOmni.Ended e =
        ChildOmni.runScript(
            dir, List.of("-Xss1m", "-Domnilisp.directStack=768"), script, "the nested joins hang");
    assertEquals("", e.err());
    assertEquals(0, e.exit());
    assertEquals(String.valueOf(17 * 60 + 200_000), e.out().strip());
  }
}
