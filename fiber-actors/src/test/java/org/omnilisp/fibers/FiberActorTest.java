package org.omnilisp.fibers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.interp.Interpreter;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Printer;
import org.omnilisp.machine.MachinePrimitive;
import org.omnilisp.machine.ParkOp;
import org.omnilisp.machine.Waker;

/**
 * The fiber actor protocol (docs/architecture.md, FiberActor): a fiber that parks gets an actor
 * under the runtime's guardian; a {@code Resume} completes its park with a value or an error; a
 * {@code Cancel} withdraws a park that can still be withdrawn; the actor stops when the fiber ends.
 *
 * <p>The runtime runs inside the ActorTestKit's actor system ({@link KitRuntime}), so the fiber
 * actors can be found at {@link FiberTask#actor()} and watched.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FiberActorTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** A park the test completes by hand. */
  static final class TestPark implements ParkOp {
    volatile Waker waker;
    final AtomicBoolean cancelResult;
    final AtomicInteger cancelCalls = new AtomicInteger();
    final AtomicInteger starts = new AtomicInteger();

    TestPark(boolean cancelable) {
      this.cancelResult = new AtomicBoolean(cancelable);
    }

    @Override
    public void start(Waker w) {
      starts.incrementAndGet();
      waker = w;
      PARKS.add(this);
    }

    @Override
    public boolean cancel() {
      cancelCalls.incrementAndGet();
      return cancelResult.get();
    }

    @Override
    public String describe() {
      return "a test park";
    }
  }

  private static final BlockingQueue<TestPark> PARKS = new LinkedBlockingQueue<>();

  private final KitRuntime kit = new KitRuntime(); // one per test: JUnit makes an instance each
  private final ActorTestKit testKit = kit.testKit;
  private final Interpreter interp = kit.interp;
  private final FiberRuntime runtime = kit.runtime;

  @BeforeEach
  void setUp() {
    PARKS.clear();
    // (test-park) parks on a TestPark whose cancel() wins; (test-park-stubborn) on one whose
    // cancel() loses (the completion is "on its way").
    interp.define(
        "test-park", new MachinePrimitive("test-park", 0, 0, (m, a) -> m.park(new TestPark(true))));
    interp.define(
        "test-park-stubborn",
        new MachinePrimitive("test-park-stubborn", 0, 0, (m, a) -> m.park(new TestPark(false))));
    // (test-park-broken) parks on an operation whose start throws (a bug in a park operation)
    interp.define(
        "test-park-broken",
        new MachinePrimitive("test-park-broken", 0, 0, (m, a) -> m.park(new BrokenPark())));
  }

  /** A park whose start throws: the fiber must fail with it, not lose its actor's messages. */
  static final class BrokenPark implements ParkOp {
    static final AtomicInteger CANCELS = new AtomicInteger();

    @Override
    public void start(Waker w) {
      throw new IllegalStateException("broken park");
    }

    @Override
    public boolean cancel() {
      CANCELS.incrementAndGet();
      return true;
    }

    @Override
    public String describe() {
      return "a broken park";
    }
  }

  @AfterEach
  void tearDown() {
    kit.close();
  }

  private Object eval(String src) {
    return interp.eval(src, "FiberActorTest");
  }

  private String evalW(String src) {
    return Printer.write(eval(src));
  }

  private static TestPark nextPark() throws InterruptedException {
    TestPark p = PARKS.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(p, "the fiber did not park on the test park");
    return p;
  }

  /** The actor of the one live fiber that has one (it is adopted asynchronously: wait for it). */
  private ActorRef<FiberActor.Command> fiberActor() throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (FiberTask t : runtime.liveFibers()) {
        if (t.actor() != null) {
          return t.actor();
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no fiber actor appeared");
  }

  private boolean anyFiberActor() {
    return runtime.liveFibers().stream().anyMatch(t -> t.actor() != null);
  }

  @Test
  void aParkedFiberGetsAnActorThatResumesItWithTheWakersValueAndStopsAtTheEnd() throws Exception {
    eval("(define f (spawn (fiber (+ 1 (test-park)))))");
    TestPark park = nextPark();
    assertEquals(1, park.starts.get());
    ActorRef<FiberActor.Command> actor = fiberActor();
    TestProbe<Object> probe = testKit.createTestProbe();
    assertEquals("parked", evalW("(fiber-state f)"));
    assertEquals(1, runtime.liveFibers().size());
    assertTrue(runtime.liveFibers().get(0).waitingFor().contains("a test park"));
    park.waker.wake(41L);
    assertEquals("42", evalW("(join f)"));
    assertEquals("done", evalW("(fiber-state f)"));
    probe.expectTerminated(actor, WAIT);
    assertTrue(runtime.liveFibers().isEmpty());
    assertEquals(0, park.cancelCalls.get());
  }

  @Test
  void theSameActorHoldsTheFiberAcrossManyParksAndSlices() throws Exception {
    runtime.setSliceSteps(50); // many slices inside the actor between the parks
    eval(
        "(define f (spawn (fiber"
            + "  (let loop ((i 0) (acc 0))"
            + "    (if (= i 5) acc"
            + "        (loop (+ i 1) (+ acc (test-park) (reduce + 0 (range 200)))))))))");
    ActorRef<FiberActor.Command> first = null;
    for (int i = 0; i < 5; i++) {
      TestPark park = nextPark();
      ActorRef<FiberActor.Command> actor = fiberActor();
      if (first == null) {
        first = actor;
      } else {
        assertEquals(first, actor, "a fiber keeps its actor across parks");
      }
      park.waker.wake((long) i);
    }
    assertEquals(String.valueOf(0 + 1 + 2 + 3 + 4 + 5 * 19900), evalW("(join f)"));
    testKit.createTestProbe().expectTerminated(first, WAIT);
  }

  @Test
  void aFiberThatNeverParksGetsNoActor() {
    assertEquals("3", evalW("(join (spawn (fiber (+ 1 2))))"));
    assertFalse(anyFiberActor());
  }

  @Test
  void cancelWithdrawsAWithdrawableParkAndTheFiberEndsCanceledRunningItsFinally() throws Exception {
    eval(
        "(define cleaned 'no)"
            + "(define f (spawn (fiber (try (test-park) 'not-canceled"
            + "                          (finally (set! cleaned 'yes))))))");
    TestPark park = nextPark();
    ActorRef<FiberActor.Command> actor = fiberActor();
    eval("(cancel f)");
    assertEquals("\"canceled\"", evalW("(try (join f) (catch e (error-message e)))"));
    assertEquals("canceled", evalW("(fiber-state f)"));
    assertEquals("yes", evalW("cleaned"));
    assertEquals(1, park.cancelCalls.get());
    testKit.createTestProbe().expectTerminated(actor, WAIT);
    assertTrue(runtime.liveFibers().isEmpty());
  }

  @Test
  void aCancelMessageAloneWithdrawsThePark() throws Exception {
    eval(
        "(define cleaned 'no)"
            + "(define f (spawn (fiber (try (test-park) (finally (set! cleaned 'yes))))))");
    TestPark park = nextPark();
    ActorRef<FiberActor.Command> actor = fiberActor();
    actor.tell(FiberActor.Cancel.INSTANCE);
    testKit.createTestProbe().expectTerminated(actor, WAIT);
    assertEquals("canceled", evalW("(fiber-state f)"));
    assertEquals("yes", evalW("cleaned"));
    assertEquals(1, park.cancelCalls.get());
  }

  @Test
  void cancelOfAParkWhoseCompletionIsOnItsWayLetsTheCompletionWin() throws Exception {
    eval("(define f (spawn (fiber (list (test-park-stubborn) (canceled?)))))");
    TestPark park = nextPark();
    ActorRef<FiberActor.Command> actor = fiberActor();
    eval("(cancel f)");
    // the cancel reached the actor and lost; the fiber is still parked
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (park.cancelCalls.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    // one or two withdrawal attempts: the park's own start also re-checks the cancel flag
    assertTrue(park.cancelCalls.get() >= 1);
    assertEquals("parked", evalW("(fiber-state f)"));
    park.waker.wake(7L);
    assertEquals("(7 true)", evalW("(join f)"));
    assertEquals("done", evalW("(fiber-state f)"));
    testKit.createTestProbe().expectTerminated(actor, WAIT);
  }

  @Test
  void aCanceledFiberIsCanceledAtItsNextParkAfterALostWithdrawal() throws Exception {
    eval("(define f (spawn (fiber (test-park-stubborn) (test-park) 'not-reached)))");
    TestPark first = nextPark();
    eval("(cancel f)");
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (first.cancelCalls.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    // at least once: the cancel and the park's own re-check of the cancel flag may both try
    assertTrue(first.cancelCalls.get() >= 1, "the cancel never tried to withdraw the first park");
    first.waker.wake(1L);
    assertEquals("\"canceled\"", evalW("(try (join f) (catch e (error-message e)))"));
    assertEquals("canceled", evalW("(fiber-state f)"));
  }

  @Test
  void aFailedResumeRaisesTheErrorInTheFiber() throws Exception {
    eval("(define f (spawn (fiber (try (test-park) (catch e (list 'caught (error-message e)))))))");
    TestPark park = nextPark();
    ActorRef<FiberActor.Command> actor = fiberActor();
    park.waker.fail(new ErrorObject("boom"));
    assertEquals("(caught \"boom\")", evalW("(join f)"));
    testKit.createTestProbe().expectTerminated(actor, WAIT);

    eval("(define g (spawn (fiber (test-park) 'not-reached)))");
    nextPark();
    ActorRef<FiberActor.Command> actor2 = fiberActor();
    actor2.tell(new FiberActor.Resume(new ErrorObject("direct"), true));
    testKit.createTestProbe().expectTerminated(actor2, WAIT);
    assertEquals("failed", evalW("(fiber-state g)"));
    LispThrow t = assertThrows(LispThrow.class, () -> eval("(join g)"));
    assertEquals("direct", ((ErrorObject) t.payload()).message());
  }

  /**
   * A park whose start throws in the new actor (the fiber's first park): the fiber fails with that
   * error, its joiner hears of it, the park is withdrawn, the actor stops (it is not restarted
   * without its fiber), and the deadlock detector's count of runnable fibers comes back to zero.
   */
  @Test
  void aFirstParkThatCannotStartFailsTheFiberAndStopsItsActor() throws Exception {
    BrokenPark.CANCELS.set(0);
    eval("(define f (spawn (fiber (test-park-broken) 'not-reached)))");
    LispThrow t = assertThrows(LispThrow.class, () -> eval("(join f)"));
    assertTrue(
        ((ErrorObject) t.payload()).message().contains("broken park"),
        () -> "the fiber's error: " + ((ErrorObject) t.payload()).message());
    assertEquals("failed", evalW("(fiber-state f)"));
    assertEquals(1, BrokenPark.CANCELS.get());
    assertTrue(runtime.liveFibers().isEmpty());
    awaitRunnable(0);
    // the runtime goes on: the next fiber parks and is resumed through its own actor
    eval("(define g (spawn (fiber (+ 1 (test-park)))))");
    nextPark().waker.wake(1L);
    assertEquals("2", evalW("(join g)"));
  }

  /** The same in a later park (the actor exists): the fiber fails once, counted down once. */
  @Test
  void aLaterParkThatCannotStartFailsTheFiber() throws Exception {
    BrokenPark.CANCELS.set(0);
    eval("(define f (spawn (fiber (test-park) (test-park-broken) 'not-reached)))");
    TestPark park = nextPark();
    ActorRef<FiberActor.Command> actor = fiberActor();
    park.waker.wake(1L);
    LispThrow t = assertThrows(LispThrow.class, () -> eval("(join f)"));
    assertTrue(((ErrorObject) t.payload()).message().contains("broken park"));
    testKit.createTestProbe().expectTerminated(actor, WAIT);
    assertEquals(1, BrokenPark.CANCELS.get()); // what the park registered is withdrawn
    awaitRunnable(0);
  }

  /** Waits (bounded) until the runtime counts {@code n} runnable fibers. */
  private void awaitRunnable(long n) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (runtime.counters.runnable() != n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(n, runtime.counters.runnable(), "runnable fibers");
  }

  @Test
  void aResumeMessageCarriesTheParksValue() throws Exception {
    eval("(define f (spawn (fiber (* 2 (test-park)))))");
    nextPark();
    ActorRef<FiberActor.Command> actor = fiberActor();
    actor.tell(new FiberActor.Resume(21L, false));
    testKit.createTestProbe().expectTerminated(actor, WAIT);
    assertEquals("42", evalW("(join f)"));
  }
}
