package org.omnilisp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.omnilisp.api.OmniLisp;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Pair;

/**
 * LANGUAGE.md §6 at the Lisp level: N producers send M values each into two channels of capacity 0,
 * 1 or 16; plain consumers receive from one channel, others select over both; the main program
 * closes both channels once the producers are done. Every value sent is received exactly once, and
 * each consumer sees each producer's values in the order they were sent.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChannelLispStressTest {
  private static final long STRIDE = 1_000_000L; // value = producer * STRIDE + index

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (int pool : new int[] {1, 2}) {
      for (int cap : new int[] {0, 1, 16}) {
        for (long seed : new long[] {1, 2, 3, 4, 5}) {
          out.add(Arguments.of(pool, cap, seed));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "pool {0}, capacity {1}, seed {2}")
  @MethodSource("cases")
  void everyValueArrivesOnceAndInOrderPerProducer(int pool, int cap, long seed) {
    Random rnd = new Random(seed * 31 + cap * 7L + pool);
    int producers = 2 + rnd.nextInt(5); // 2..6
    int perProducer = 100 + rnd.nextInt(300);
    int plainPerChannel = 1 + rnd.nextInt(3);
    int selecting = 1 + rnd.nextInt(3);
    int yieldEvery = 2 + rnd.nextInt(7);
    String program =
        "(define a (chan "
            + cap
            + ")) (define b (chan "
            + cap
            + "))"
            + "(define (produce p target)"
            + "  (let loop ((i 0))"
            + "    (when (< i "
            + perProducer
            + ")"
            + "      (when (= 0 (remainder (+ i p) "
            + yieldEvery
            + ")) (yield))"
            + "      (send target (+ (* p "
            + STRIDE
            + ") i))"
            + "      (loop (+ i 1)))))"
            // a plain consumer: recv until the channel is closed and drained
            + "(define (consume ch)"
            + "  (let loop ((acc '()))"
            + "    (let ((v (recv ch)))"
            + "      (if (eq? v nothing) (reverse acc) (loop (cons v acc))))))"
            // a selecting consumer: select over both while both are open, then plain recv
            + "(define (consume-both)"
            + "  (let loop ((acc '()) (a-open true) (b-open true))"
            + "    (cond"
            + "      ((and a-open b-open)"
            + "       (select ((recv a) v (if (eq? v nothing) (loop acc false true)"
            + "                                  (loop (cons v acc) true true)))"
            + "               ((recv b) v (if (eq? v nothing) (loop acc true false)"
            + "                                  (loop (cons v acc) true true)))))"
            + "      (a-open (let ((v (recv a))) (if (eq? v nothing) (loop acc false false)"
            + "                                      (loop (cons v acc) true false))))"
            + "      (b-open (let ((v (recv b))) (if (eq? v nothing) (loop acc false false)"
            + "                                      (loop (cons v acc) false true))))"
            + "      (else (reverse acc)))))"
            + "(define consumers"
            + "  (append (map (lambda (k) (spawn (fiber (consume a)))) (range "
            + plainPerChannel
            + "))"
            + "          (map (lambda (k) (spawn (fiber (consume b)))) (range "
            + plainPerChannel
            + "))"
            + "          (map (lambda (k) (spawn (fiber (consume-both)))) (range "
            + selecting
            + "))))"
            + "(define producers"
            + "  (map (lambda (p) (spawn (fiber (produce p (if (even? p) a b))))) (range "
            + producers
            + ")))"
            + "(for-each join producers)"
            + "(close a) (close b)"
            + "(map join consumers)";
    Object result;
    try (OmniLisp lisp =
        OmniLisp.create(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      lisp.fibers().setPoolSize(pool);
      result = lisp.evalHere(program, "ChannelLispStressTest");
    }
    Map<Long, Integer> seen = new HashMap<>();
    int consumerIndex = 0;
    for (Object consumer : list(result)) {
      Map<Long, Long> lastFrom = new TreeMap<>();
      for (Object o : list(consumer)) {
        long v = (Long) o;
        long p = v / STRIDE;
        long i = v % STRIDE;
        Long last = lastFrom.put(p, i);
        final int c = consumerIndex;
        assertTrue(
            last == null || last < i,
            () -> "consumer " + c + " got " + i + " of producer " + p + " after " + last);
        seen.merge(v, 1, Integer::sum);
      }
      consumerIndex++;
    }
    assertEquals(2 * plainPerChannel + selecting, consumerIndex);
    assertEquals(producers * perProducer, seen.size(), "distinct values received");
    for (int p = 0; p < producers; p++) {
      for (int i = 0; i < perProducer; i++) {
        long v = p * STRIDE + i;
        assertEquals(1, seen.getOrDefault(v, 0), "times value " + v + " was received");
      }
    }
  }

  private static List<Object> list(Object lisp) {
    List<Object> out = new ArrayList<>();
    for (Object o = lisp; o != Nil.NIL; o = ((Pair) o).cdr) {
      out.add(((Pair) o).car);
    }
    return out;
  }
}
