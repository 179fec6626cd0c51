package org.omnilisp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The embedding API from a Pekko application's point of view. */
@org.junit.jupiter.api.Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
class EmbeddingTest {
  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static Object await(CompletionStage<Object> stage) {
    return stage.toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
  }

  @Test
  void evalCompletesWithConvertedValues() {
    OmniLisp lisp = OmniLisp.create(testKit.system(), System.out);
    assertEquals(3L, await(lisp.eval("(+ 1 2)")));
    assertEquals(List.of(1L, "two", 3.5), await(lisp.eval("(list 1 \"two\" 3.5)")));
    assertEquals(Map.of("a", 1L), await(lisp.eval("#{a 1}")));
    assertEquals(null, await(lisp.eval("(define x 1)")));
    assertEquals(42L, await(lisp.eval("(join (spawn (fiber (sleep 5) 42)))")));
    CompletionException e =
        assertThrows(CompletionException.class, () -> await(lisp.eval("(car 42)")));
    LispError error = assertInstanceOf(LispError.class, e.getCause());
    assertTrue(error.getMessage().contains("car: expected a pair, got 42"), error.getMessage());
  }

  @Test
  void twoRuntimesInOneJvmDoNotInterfere() {
    OmniLisp a = OmniLisp.create(testKit.system(), System.out);
    OmniLisp b = OmniLisp.create(testKit.system(), System.out);
    await(a.eval("(define who 'a)"));
    await(b.eval("(define who 'b)"));
    a.define("inc", 1, 1, args -> (Long) args.get(0) + 1);
    assertEquals("a", a.lookup("who"));
    assertEquals("b", b.lookup("who"));
    assertEquals(2L, await(a.eval("(inc 1)")));
    assertThrows(CompletionException.class, () -> await(b.eval("(inc 1)")));
    assertEquals(
        List.of(0L, 1L, 2L),
        await(b.eval("(map join (map (lambda (i) (spawn (fiber i))) (range 3)))")));
  }

  @Test
  void javaProceduresReportErrorsLikeBuiltIns() {
    OmniLisp lisp = OmniLisp.create(testKit.system(), System.out);
    lisp.define(
        "parse-port",
        1,
        1,
        args -> {
          int port = Integer.parseInt((String) args.get(0));
          if (port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
          }
          return port;
        });
    assertEquals(8080L, await(lisp.eval("(parse-port \"8080\")")));
    assertEquals(
        "parse-port: port out of range: 70000",
        await(lisp.eval("(try (parse-port \"70000\") (catch e (error-message e)))")));
    assertEquals(
        "parse-port: expected 1 argument, got 2",
        await(lisp.eval("(try (parse-port \"1\" \"2\") (catch e (error-message e)))")));
    LispError error =
        assertThrows(LispError.class, () -> lisp.evalHere("(parse-port \"x\")", "test"));
    assertInstanceOf(NumberFormatException.class, error.getCause());
  }

  @Test
  void javaAndLispShareAChannelUnderLoad() {
    OmniLisp lisp = OmniLisp.create(testKit.system(), System.out);
    Object jobs = lisp.channel(16);
    Object results = lisp.channel(0);
    lisp.define("jobs", jobs);
    lisp.define("results", results);
    await(
        lisp.eval(
            "(spawn (fiber (let loop ((sum 0) (n 0))"
                + "  (let ((v (recv jobs)))"
                + "    (if (nothing? v) (send results (list n sum)) (loop (+ sum v) (+ n 1)))))))"));
    SharedChannel in = OmniLisp.handle(jobs);
    int count = 20_000;
    CompletionStage<Void> sending = in.send(0L);
    for (long i = 1; i < count; i++) {
      long v = i;
      sending = sending.thenCompose(done -> in.send(v));
    }
    sending.thenRun(in::close).toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    Object summary =
        OmniLisp.handle(results)
            .recv()
            .toCompletableFuture()
            .orTimeout(30, TimeUnit.SECONDS)
            .join()
            .orElseThrow();
    assertEquals(List.of((long) count, (long) count * (count - 1) / 2), summary);
  }

  @Test
  void aFailingFiberBehaviorIsSupervisedByItsParent() {
    OmniLisp lisp = OmniLisp.create(testKit.system(), System.out);
    AtomicInteger runs = new AtomicInteger();
    lisp.define("count-run!", 0, 0, args -> runs.incrementAndGet());
    Behavior<FiberBehavior.Command> failing =
        FiberBehavior.ofScript(lisp, "(count-run!) (error \"boom\")");
    TestProbe<FiberBehavior.Command> probe = testKit.createTestProbe();
    ActorRef<FiberBehavior.Command> stopped = testKit.spawn(failing);
    probe.expectTerminated(stopped, Duration.ofSeconds(10));
    assertEquals(1, runs.get());

    ActorRef<FiberBehavior.Command> restarted =
        testKit.spawn(
            Behaviors.supervise(failing)
                .onFailure(
                    LispError.class,
                    SupervisorStrategy.restart().withLimit(2, Duration.ofMinutes(1))));
    probe.expectTerminated(restarted, Duration.ofSeconds(10));
    assertEquals(4, runs.get(), "the first run and two restarts");
  }

  @Test
  void aFiberBehaviorSendsItsResult() {
    OmniLisp lisp = OmniLisp.create(testKit.system(), System.out);
    TestProbe<FiberBehavior.Result> results = testKit.createTestProbe();
    testKit.spawn(
        FiberBehavior.ofScript(lisp, "(define (sq x) (* x x)) (sq 12)", results.getRef()));
    assertEquals(new FiberBehavior.Result(144L), results.receiveMessage(Duration.ofSeconds(10)));
    await(lisp.eval("(define (greet name) (str \"hi \" name))"));
    testKit.spawn(FiberBehavior.ofProcedure(lisp, lisp.lookup("greet"), results.getRef(), "ann"));
    assertEquals(
        new FiberBehavior.Result("hi ann"), results.receiveMessage(Duration.ofSeconds(10)));
  }

  @Test
  void stoppingTheActorCancelsTheFiberAndRunsFinally() throws InterruptedException {
    OmniLisp lisp = OmniLisp.create(testKit.system(), System.out);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch cleanedUp = new CountDownLatch(1);
    lisp.define(
        "started!",
        0,
        0,
        args -> {
          started.countDown();
          return null;
        });
    lisp.define(
        "cleaned-up!",
        0,
        0,
        args -> {
          cleanedUp.countDown();
          return null;
        });
    ActorRef<FiberBehavior.Command> actor =
        testKit.spawn(
            FiberBehavior.ofScript(lisp, "(try (started!) (recv (chan)) (finally (cleaned-up!)))"));
    assertTrue(started.await(10, TimeUnit.SECONDS));
    testKit.stop(actor);
    assertTrue(cleanedUp.await(10, TimeUnit.SECONDS), "finally ran after the actor stopped");
  }

  @Test
  void printsGoToTheRuntimeOutput() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OmniLisp lisp =
        OmniLisp.create(testKit.system(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    await(lisp.eval("(println \"hello \" 42)"));
    assertEquals("hello 42\n", bytes.toString(StandardCharsets.UTF_8));
  }
}
