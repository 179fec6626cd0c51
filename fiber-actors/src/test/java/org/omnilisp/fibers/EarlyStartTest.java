package org.omnilisp.fibers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.api.OmniLisp;
import org.omnilisp.interp.Interpreter;
import org.omnilisp.lang.Nothing;
import org.omnilisp.machine.Primitive;

/**
 * A runtime whose actor system's start was begun early, on another thread ({@link
 * FiberRuntime#startEarly}, what the omni command does for a program that spawns): it runs fibers
 * on that system, honours a pool size chosen before its first spawn, stops the system when closed
 * whether or not it took it, and falls back to its own start if the early one failed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EarlyStartTest {
  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  @Test
  void theFirstSpawnRunsOnTheSystemStartedEarly() throws Exception {
    EarlyStart early = FiberRuntime.startEarly(null);
    Interpreter interp = new Interpreter(quiet());
    FiberRuntime runtime = new FiberRuntime(interp, null, early);
    try {
      ActorSystem<Void> started = early.system().get(30, TimeUnit.SECONDS);
      assertEquals(3L, interp.eval("(join (spawn (fiber (+ 1 2))))", "t"));
      assertSame(started, runtime.actorSystem());
    } finally {
      runtime.close();
    }
    assertNotNull(
        early.system().join().getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS));
  }

  @Test
  void aSpawnBeforeTheEarlyStartEndsWaitsForIt() {
    try (OmniLisp lisp = OmniLisp.createStartingFibers(quiet())) {
      assertEquals(
          55L,
          lisp.evalHere(
              "(define c (chan)) (spawn (fiber (send c 55))) (recv c)", "EarlyStartTest"));
    }
  }

  @Test
  void aPoolSizeChosenBeforeTheFirstSpawnIsUsed() {
    try (OmniLisp lisp = OmniLisp.createStartingFibers(quiet())) {
      lisp.setPoolSize(1);
      Set<String> threads = ConcurrentHashMap.newKeySet();
      lisp.interpreter()
          .define(
              "record-thread",
              Primitive.of0(
                  "record-thread",
                  () -> {
                    threads.add(Thread.currentThread().getName());
                    return Nothing.NOTHING;
                  }));
      lisp.evalHere(
          "(for-each join (map (lambda (k) (spawn (fiber (record-thread) (sleep 1) (record-thread))))"
              + " (range 8)))",
          "EarlyStartTest");
      assertEquals(1, threads.size(), () -> "threads that ran fibers: " + threads);
      assertEquals(1L, lisp.evalHere("(fiber-pool-size)", "EarlyStartTest"));
    }
  }

  @Test
  void closingARuntimeThatNeverSpawnedStopsTheSystemStartedEarly() throws Exception {
    EarlyStart early = FiberRuntime.startEarly(null);
    Interpreter interp = new Interpreter(quiet());
    FiberRuntime runtime = new FiberRuntime(interp, null, early);
    assertEquals(3L, interp.eval("(+ 1 2)", "t"));
    runtime.close();
    assertTrue(!runtime.isStarted(), "the runtime never took the system");
    ActorSystem<Void> s = early.system().get(30, TimeUnit.SECONDS);
    assertNotNull(s.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS));
  }

  @Test
  void anEarlyStartThatFailsLeavesTheErrorToTheFirstSpawn() {
    var bad = ConfigFactory.parseString("pekko.actor.provider = \"no.such.Provider\"");
    EarlyStart early = FiberRuntime.startEarly(bad);
    Interpreter interp = new Interpreter(quiet());
    FiberRuntime runtime = new FiberRuntime(interp, bad, early);
    try {
      assertThrows(RuntimeException.class, () -> early.system().join());
      assertThrows(Throwable.class, () -> interp.eval("(join (spawn (fiber 1)))", "t"));
    } finally {
      runtime.close();
    }
  }
}
