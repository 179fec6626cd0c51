package org.omnilisp.fibers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.omnilisp.interp.Interpreter;
import org.omnilisp.lang.Printer;
import org.omnilisp.machine.Primitive;

/** A with-fibers scope is an actor whose children are its fibers' actors; all stop at its end. */
@org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
class ScopeActorTest {
  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void theActorsOfAScopesFibersAreStoppedWhenTheScopeEnds() {
    Interpreter interp =
        new Interpreter(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    FiberRuntime runtime = new FiberRuntime(interp, ConfigFactory.empty(), testKit.system());
    List<FiberTask> seen = new ArrayList<>();
    interp.define(
        "remember-fibers!",
        Primitive.of0(
            "remember-fibers!",
            () -> {
              seen.addAll(runtime.liveFibers());
              return true;
            }));
    Object result =
        interp.eval(
            "(try (with-fibers"
                + "  (spawn (fiber (sleep 100000)))"
                + "  (spawn (fiber (recv (chan))))"
                + "  (spawn (fiber (with-fibers (spawn (fiber (sleep 100000))) (sleep 100000))))"
                + "  (sleep 50)"
                + "  (remember-fibers!)"
                + "  (error \"body failed\"))"
                + " (catch e (error-message e)))",
            "scope");
    assertEquals("body failed", Printer.display(result));
    assertEquals(4, seen.size(), "three fibers and the nested scope's fiber were parked");
    TestProbe<Object> probe = testKit.createTestProbe();
    for (FiberTask task : seen) {
      ActorRef<FiberActor.Command> actor = task.actor();
      assertTrue(actor != null, "a parked fiber has an actor");
      probe.expectTerminated(actor, Duration.ofSeconds(10));
      assertTrue(task.fiber.state().isFinished());
    }
    assertTrue(runtime.liveFibers().isEmpty());
  }

  @Test
  void scopedFibersAreChildrenOfTheScopeActorInTheSupervisionTree() throws InterruptedException {
    Interpreter interp =
        new Interpreter(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    FiberRuntime runtime = new FiberRuntime(interp, ConfigFactory.empty(), testKit.system());
    List<String> paths = new ArrayList<>();
    // (record-path! f): waits (bounded) until parked fiber f has its actor, records its path. A
    // handshake: the fibers stay parked until the body lets them go, so no timing decides what
    // is recorded (sleeps did, and a loaded machine recorded a fiber that had not ended yet).
    interp.define(
        "record-path!",
        Primitive.of1(
            "record-path!",
            f -> {
              FiberTask t = (FiberTask) ((org.omnilisp.machine.Fiber) f).host();
              long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
              while (t.actor() == null && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
              }
              paths.add(String.valueOf(t.actor() == null ? null : t.actor().path()));
              return true;
            }));
    interp.eval(
        "(define a (chan)) (define b (chan))"
            + "(with-fibers"
            + "  (let ((f1 (spawn (fiber (recv a)))))"
            + "    (record-path! f1)"
            + "    (with-fibers"
            + "      (let ((f2 (spawn (fiber (recv b)))))"
            + "        (record-path! f2)"
            + "        (send b 'go)))"
            + "    (send a 'go)))",
        "tree");
    assertEquals(2, paths.size(), paths.toString());
    String guardian = "/system/" + runtime.guardianName + "/";
    String[] outer = relative(paths.get(0), guardian);
    String[] inner = relative(paths.get(1), guardian);
    assertEquals(2, outer.length, "guardian / scope / fiber: " + paths.get(0));
    assertEquals(3, inner.length, "guardian / scope / inner scope / fiber: " + paths.get(1));
    assertEquals(outer[0], inner[0], "the inner scope's actor is a child of the outer scope's");
  }

  private static String[] relative(String path, String guardian) {
    assertTrue(path.contains(guardian), path + " is not under " + guardian);
    return path.substring(path.indexOf(guardian) + guardian.length()).split("/");
  }
}
