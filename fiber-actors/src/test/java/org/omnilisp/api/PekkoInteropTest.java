package org.omnilisp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.javadsl.AsPublisher;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** Channels as Pekko Streams stages, and Java procedures that return a CompletionStage. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PekkoInteropTest {
  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
  }

  private static OmniLisp runtime() {
    return OmniLisp.create(testKit.system(), System.out);
  }

  private static List<Object> longs(long from, long to) {
    return LongStream.range(from, to).boxed().collect(Collectors.toList());
  }

  @Test
  void aSourceEmitsEveryValueInOrderThenCompletesOnClose() {
    OmniLisp lisp = runtime();
    Object c = lisp.channel(4);
    lisp.define("c", c);
    lisp.eval("(spawn (fiber (for-each (lambda (i) (send c i)) (range 1000)) (close c)))");
    List<Object> got = await(OmniLisp.handle(c).source().runWith(Sink.seq(), testKit.system()));
    assertEquals(longs(0, 1000), got);
  }

  @Test
  void aSourceOfAClosedChannelDeliversItsBufferedValuesFirst() {
    OmniLisp lisp = runtime();
    Object c = lisp.channel(3);
    lisp.define("c", c);
    lisp.evalHere("(send c 1) (send c 2) (send c 3) (close c)", "test");
    List<Object> got = await(OmniLisp.handle(c).source().runWith(Sink.seq(), testKit.system()));
    assertEquals(List.of(1L, 2L, 3L), got);
  }

  @Test
  void aSinkFeedsFibersAndClosesTheChannelWhenTheStreamCompletes() {
    OmniLisp lisp = runtime();
    Object c = lisp.channel(0);
    lisp.define("c", c);
    CompletionStage<Object> sum =
        lisp.eval(
            "(let loop ((sum 0)) (let ((v (recv c))) (if (nothing? v) sum (loop (+ sum v)))))");
    await(
        Source.range(1, 1000)
            .map(i -> (Object) i)
            .runWith(OmniLisp.handle(c).sink(), testKit.system()));
    assertEquals(500500L, await(sum));
    assertTrue(OmniLisp.handle(c).isClosed());
  }

  @Test
  void aStreamFailureClosesTheChannelAndParkedReceiversGetNothing() throws Exception {
    OmniLisp lisp = runtime();
    Object c = lisp.channel(0);
    lisp.define("c", c);
    await(lisp.eval("(define r (spawn (fiber (recv c))))"));
    ApiHandshakes.awaitParked(lisp, "r");
    CompletionStage<?> done =
        Source.failed(new IllegalStateException("boom"))
            .runWith(OmniLisp.handle(c).sink(), testKit.system());
    CompletionException e = assertThrows(CompletionException.class, () -> await(done));
    assertEquals("boom", e.getCause().getMessage());
    assertEquals(true, await(lisp.eval("(nothing? (join r))")));
    assertTrue(OmniLisp.handle(c).isClosed());
  }

  @Test
  void aSlowStreamBackpressuresLispSenders() throws Exception {
    OmniLisp lisp = runtime();
    Object c = lisp.channel(0);
    lisp.define("c", c);
    await(
        lisp.eval(
            "(define sent (atomic 0))"
                + "(define sender (spawn (fiber (for-each (lambda (i) (send c i)"
                + " (atomic-swap! sent (lambda (n) (+ n 1)))) (range 100)) (close c))))"));
    ManualSubscriber subscriber = new ManualSubscriber();
    OmniLisp.handle(c)
        .source()
        .toMat(Sink.asPublisher(AsPublisher.WITHOUT_FANOUT), Keep.right())
        .withAttributes(Attributes.inputBuffer(1, 1))
        .run(testKit.system())
        .subscribe(subscriber);
    subscriber.request(2);
    assertTrue(
        subscriber.firstTwo.await(20, TimeUnit.SECONDS),
        () -> "received " + subscriber.received + ", error " + subscriber.error);
    ApiHandshakes.awaitParked(lisp, "sender");
    long sent = (Long) await(lisp.eval("(atomic-get sent)"));
    assertTrue(sent < 10, "the stream asked for 2 values, yet " + sent + " were sent");
    subscriber.request(1000);
    assertTrue(subscriber.completed.await(20, TimeUnit.SECONDS));
    assertEquals(longs(0, 100), subscriber.received);
  }

  @Test
  void aFlowRunsElementsThroughLispFibers() {
    OmniLisp lisp = runtime();
    Object in = lisp.channel(0);
    Object out = lisp.channel(0);
    lisp.define("in", in);
    lisp.define("out", out);
    lisp.eval(
        "(spawn (fiber (let loop () (let ((v (recv in)))"
            + " (if (nothing? v) (close out) (begin (send out (* 2 v)) (loop)))))))");
    List<Object> got =
        await(
            Source.range(1, 5)
                .map(i -> (Object) i)
                .via(SharedChannel.flow(OmniLisp.handle(in), OmniLisp.handle(out)))
                .withAttributes(Attributes.inputBuffer(1, 1))
                .runWith(Sink.seq(), testKit.system()));
    assertEquals(List.of(2L, 4L, 6L, 8L, 10L), got);
  }

  @Test
  void anUpstreamFailureFailsTheFlowAndClosesItsInputChannel() throws Exception {
    OmniLisp lisp = runtime();
    Object in = lisp.channel(0);
    Object out = lisp.channel(0);
    lisp.define("in", in);
    lisp.define("out", out);
    // the fiber reads in but never closes out: only the failure can end the flow's output
    await(lisp.eval("(define r (spawn (fiber (recv in))))"));
    ApiHandshakes.awaitParked(lisp, "r");
    CompletionStage<List<Object>> got =
        Source.failed(new IllegalStateException("upstream broke"))
            .via(SharedChannel.flow(OmniLisp.handle(in), OmniLisp.handle(out)))
            .runWith(Sink.seq(), testKit.system());
    CompletionException e = assertThrows(CompletionException.class, () -> await(got));
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertEquals("upstream broke", e.getCause().getMessage());
    assertEquals(true, await(lisp.eval("(nothing? (join r))")));
    assertTrue(OmniLisp.handle(in).isClosed());
  }

  @Test
  void cancelingTheFlowsOutputCancelsItsUpstreamAndClosesItsInputChannel() {
    OmniLisp lisp = runtime();
    Object in = lisp.channel(0);
    Object out = lisp.channel(0);
    lisp.define("in", in);
    lisp.define("out", out);
    // copies in to out (a send on a closed out is dropped) until in is closed, then returns
    CompletionStage<Object> copier =
        lisp.eval(
            "(let loop () (let ((v (recv in)))"
                + " (unless (nothing? v) (try (send out v) (catch e e)) (loop))))");
    CompletableFuture<Void> upstreamEnded = new CompletableFuture<>();
    List<Object> got =
        await(
            Source.repeat((Object) 7L)
                .watchTermination((notUsed, end) -> end.thenRun(() -> upstreamEnded.complete(null)))
                .via(SharedChannel.flow(OmniLisp.handle(in), OmniLisp.handle(out)))
                .take(3)
                .runWith(Sink.seq(), testKit.system()));
    assertEquals(List.of(7L, 7L, 7L), got);
    await(upstreamEnded); // canceled: Source.repeat never ends by itself
    OmniLisp.handle(out).close(); // releases the copier if it is parked sending a 4th value
    await(copier); // returns only once in is closed
    assertTrue(OmniLisp.handle(in).isClosed());
  }

  record Echo(Object value, ActorRef<Object> replyTo) {}

  @Test
  void anAsyncJavaProcedureParksTheFiberUntilItsStageCompletes() {
    OmniLisp lisp = runtime();
    ActorRef<Echo> echo =
        testKit.spawn(
            Behaviors.receiveMessage(
                m -> {
                  m.replyTo().tell(List.of("echo", m.value()));
                  return Behaviors.same();
                }));
    lisp.defineAsync(
        "ask-echo",
        1,
        1,
        args ->
            AskPattern.ask(
                echo,
                (ActorRef<Object> replyTo) -> new Echo(args.get(0), replyTo),
                Duration.ofSeconds(10),
                testKit.system().scheduler()));
    lisp.defineAsync(
        "later", 1, 1, args -> CompletableFuture.supplyAsync(() -> (Long) args.get(0) * 2));
    assertEquals(List.of("echo", 7L), await(lisp.eval("(ask-echo 7)")));
    assertEquals(42L, await(lisp.eval("(join (spawn (fiber (later 21))))")));
    assertEquals(4L, Values.toJava(lisp.evalHere("(later 2)", "test")));
  }

  @Test
  void theMainProgramWaitingOnASlowStageIsNoDeadlock() {
    OmniLisp lisp = runtime();
    // well past the two quiet deadlock checks (100 ms apart) after which a wait is reported
    lisp.defineAsync(
        "slow",
        0,
        0,
        args ->
            CompletableFuture.supplyAsync(
                () -> "late", CompletableFuture.delayedExecutor(800, TimeUnit.MILLISECONDS)));
    assertEquals("late", Values.toJava(lisp.evalHere("(slow)", "test")));
  }

  @Test
  void aFailedStageRaisesALispErrorThatKeepsItsCause() {
    OmniLisp lisp = runtime();
    IllegalStateException cause = new IllegalStateException("nope");
    lisp.defineAsync("fails", 0, 0, args -> CompletableFuture.failedFuture(cause));
    assertEquals("fails: nope", await(lisp.eval("(try (fails) (catch e (error-message e)))")));
    LispError e =
        assertInstanceOf(
            LispError.class,
            assertThrows(CompletionException.class, () -> await(lisp.eval("(fails)"))).getCause());
    assertTrue(e.getMessage().contains("fails: nope"), e.getMessage());
  }

  @Test
  void cancelingAFiberWithdrawsItsWaitForAStage() throws Exception {
    OmniLisp lisp = runtime();
    lisp.defineAsync("never", 0, 0, args -> new CompletableFuture<>());
    await(
        lisp.eval(
            "(define cleaned (atomic false))"
                + "(define f (spawn (fiber (try (never) (finally (atomic-set! cleaned true))))))"));
    ApiHandshakes.awaitParked(lisp, "f");
    await(lisp.eval("(cancel f)"));
    assertEquals("canceled", await(lisp.eval("(try (join f) (catch e (error-message e)))")));
    assertEquals(true, await(lisp.eval("(atomic-get cleaned)")));
  }

  @Test
  void aJavaValueLispCannotRepresentIsAnErrorNamingItsClass() {
    OmniLisp lisp = runtime();
    lisp.define("weird", 0, 0, args -> new Object());
    lisp.defineAsync("weird-later", 0, 0, args -> CompletableFuture.completedFuture(new Object()));
    assertEquals(
        "weird: cannot represent a java.lang.Object as a Lisp value",
        await(lisp.eval("(try (weird) (catch e (error-message e)))")));
    assertEquals(
        "weird-later: cannot represent a java.lang.Object as a Lisp value",
        await(lisp.eval("(try (weird-later) (catch e (error-message e)))")));
    assertThrows(IllegalArgumentException.class, () -> lisp.define("x", new Object()));
  }

  /** A Reactive Streams subscriber that requests only what the test asks for. */
  private static final class ManualSubscriber implements Subscriber<Object> {
    final List<Object> received = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch firstTwo = new CountDownLatch(2);
    final CountDownLatch completed = new CountDownLatch(1);
    volatile Throwable error;
    private final CompletableFuture<Subscription> subscription = new CompletableFuture<>();

    void request(long n) {
      await(subscription).request(n);
    }

    @Override
    public void onSubscribe(Subscription s) {
      subscription.complete(s);
    }

    @Override
    public void onNext(Object value) {
      received.add(value);
      firstTwo.countDown();
    }

    @Override
    public void onError(Throwable t) {
      error = t;
      completed.countDown();
    }

    @Override
    public void onComplete() {
      completed.countDown();
    }
  }
}
