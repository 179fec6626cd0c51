package org.omnilisp.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running out of memory, in the main program or in a fiber, ends {@code omni} with one line that
 * says so and what was running, status 1: no Java trace, no hang.
 */
@Timeout(180)
class OutOfMemoryTest {
  /**
   * Takes the heap in 400 KB vectors: the allocation that fails is the hog's own, at once, while
   * the small allocations of the other threads (a waiting main thread, the actor system) still fit.
   * A hog of small objects would make the collector thrash for a long time first, and which
   * thread's allocation fails first would be luck.
   */
  private static final String HOG = "(define (hog acc) (hog (cons (make-vector 100000 0) acc)))\n";

  private static String[] run(Path dir, String program) throws Exception {
    Path script = dir.resolve("hog.omni");
    Files.writeString(script, HOG + program);
    ChildOmni.Ended e =
        ChildOmni.runScript(
            dir,
            List.of("-XX:+UseParallelGC", "-Xmx48m"),
            script,
            "omni hangs after running out of memory");
    return new String[] {String.valueOf(e.exit()), e.out(), e.err()};
  }

  @Test
  void inTheMainProgram(@TempDir Path dir) throws Exception {
    String[] r = run(dir, "(println \"before\")\n(hog '())\n");
    assertEquals("1", r[0]);
    assertEquals("before\n", r[1]);
    assertEquals("omni: out of memory in the main program (" + dir.resolve("hog.omni") + ")", r[2]);
  }

  @Test
  void inAFiber(@TempDir Path dir) throws Exception {
    String[] r =
        run(
            dir,
            "(define go (chan))\n"
                + "(define f (spawn (fiber (recv go) (hog '()))))\n"
                + "(println \"spawned\")\n"
                + "(send go #t)\n"
                + "(join f)\n");
    assertEquals("1", r[0]);
    assertEquals("spawned\n", r[1]);
    assertTrue(r[2].matches("omni: out of memory in fiber \\d+"), r[2]);
  }

  @Test
  void inAFiberOfAScope(@TempDir Path dir) throws Exception {
    String[] r = run(dir, "(with-fibers (spawn (fiber (hog '()))) (sleep 100000))\n");
    assertEquals("1", r[0]);
    assertTrue(r[2].matches("omni: out of memory in fiber \\d+"), r[2]);
  }
}
