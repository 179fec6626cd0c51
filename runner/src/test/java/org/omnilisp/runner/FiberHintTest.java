package org.omnilisp.runner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which programs the runner starts the fiber runtime early for (FiberHint). */
class FiberHintTest {
  @Test
  void aProgramThatSpawnsOrMakesAChannelStartsFibers() {
    assertTrue(FiberHint.startsFibers("(println (join (spawn (fiber (+ 1 2)))))"));
    assertTrue(FiberHint.startsFibers("(define c (chan 1))"));
    assertTrue(FiberHint.startsFibers("(with-fibers\n  (go))"));
    assertTrue(FiberHint.startsFibers("(map spawn fs)"));
  }

  @Test
  void aProgramWithoutThoseNamesDoesNot() {
    assertFalse(FiberHint.startsFibers("(+ 1 2)"));
    assertFalse(FiberHint.startsFibers("(define (spawner x) x) (define channel 1)"));
    assertFalse(FiberHint.startsFibers("(string-join '(\"a\") \",\") (resume (fiber (yield 1)))"));
    assertFalse(FiberHint.startsFibers("(define (join a b) (append a b)) (join '(1) '(2))"));
    assertFalse(FiberHint.startsFibers(""));
  }
}
