package org.omnilisp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.omnilisp.api.OmniLisp;

/** Many spawns and joins give exact results, on the default pool and on a pool of one thread. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SpawnStressTest {
  private static OmniLisp create(int poolSize) {
    OmniLisp lisp =
        OmniLisp.create(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    if (poolSize > 0) {
      lisp.fibers().setPoolSize(poolSize);
    }
    return lisp;
  }

  /** 0 = the default pool size. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void aMillionSpawnsAndJoins(int poolSize) {
    try (OmniLisp lisp = create(poolSize)) {
      Object sum =
          lisp.evalHere(
              "(reduce + 0 (map join (map (lambda (i) (spawn (fiber i))) (range 1000000))))",
              "SpawnStressTest");
      assertEquals(499999500000L, sum);
      // joined in a loop as they are spawned, in batches, so joiners also park
      Object batched =
          lisp.evalHere(
              "(let loop ((b 0) (acc 0))"
                  + "  (if (= b 1000) acc"
                  + "      (loop (+ b 1)"
                  + "            (+ acc (reduce + 0 (map join"
                  + "                     (map (lambda (i) (spawn (fiber (+ (* b 1000) i))))"
                  + "                          (range 1000))))))))",
              "SpawnStressTest");
      assertEquals(499999500000L, batched);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void skynetOfAHundredThousandLeaves(int poolSize) {
    try (OmniLisp lisp = create(poolSize)) {
      Object sum =
          lisp.evalHere(
              "(define (skynet num size)"
                  + "  (if (= size 1) num"
                  + "      (let ((sub (quotient size 10)))"
                  + "        (reduce + 0 (map join (map (lambda (i)"
                  + "          (spawn (fiber (skynet (+ num (* i sub)) sub)))) (range 10)))))))"
                  + "(skynet 0 100000)",
              "SpawnStressTest");
      assertEquals(4999950000L, sum);
      // the same tree where every fiber parks once before spawning its children
      Object parked =
          lisp.evalHere(
              "(define (skynet2 num size)"
                  + "  (sleep 0)"
                  + "  (if (= size 1) num"
                  + "      (let ((sub (quotient size 10)))"
                  + "        (reduce + 0 (map join (map (lambda (i)"
                  + "          (spawn (fiber (skynet2 (+ num (* i sub)) sub)))) (range 10)))))))"
                  + "(skynet2 0 10000)",
              "SpawnStressTest");
      assertEquals(49995000L, parked);
    }
  }
}
