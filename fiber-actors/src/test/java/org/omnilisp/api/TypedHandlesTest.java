package org.omnilisp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lisp channels and fibers reach Java as SharedChannel and FiberHandle, and go back as themselves.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TypedHandlesTest {
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

  @Test
  void aChannelMadeInJavaIsTheSameChannelInLisp() {
    OmniLisp lisp = runtime();
    SharedChannel c = lisp.channel(2);
    lisp.define("c", c);
    await(c.send(41L));
    assertEquals(41L, await(lisp.eval("(recv c)")));
    await(lisp.eval("(send c 42)"));
    assertEquals(Optional.of(42L), await(c.recv()));
    // back from Lisp it is a handle of the same channel
    assertEquals(c, await(lisp.eval("c")));
    assertSame(c, OmniLisp.handle(c));
    assertEquals(Boolean.TRUE, await(lisp.call(lisp.lookup("eq?"), c, c)));
  }

  @Test
  void aChannelMadeInLispComesBackAsASharedChannel() {
    OmniLisp lisp = runtime();
    Object v = await(lisp.eval("(define ch (chan 1)) (send ch 'hello) ch"));
    SharedChannel ch = assertInstanceOf(SharedChannel.class, v);
    assertEquals(Optional.of("hello"), await(ch.recv()));
    ch.close();
    assertEquals(Boolean.TRUE, await(lisp.eval("(closed? ch)")));
    assertTrue(ch.toString().startsWith("#<chan"), ch.toString());
  }

  @Test
  void aJavaProcedureGetsAndReturnsTypedHandles() {
    OmniLisp lisp = runtime();
    lisp.define(
        "same-channel",
        1,
        1,
        args -> {
          SharedChannel c = assertInstanceOf(SharedChannel.class, args.get(0));
          return c;
        });
    assertEquals(Boolean.TRUE, await(lisp.eval("(define k (chan)) (eq? k (same-channel k))")));
  }

  @Test
  void aFiberComesBackAsAFiberHandleThatJoinsAndCancels() {
    OmniLisp lisp = runtime();
    Object v = await(lisp.eval("(define f (spawn (fiber (* 6 7)))) f"));
    FiberHandle f = assertInstanceOf(FiberHandle.class, v);
    assertEquals(42L, await(f.join()));
    assertEquals("done", f.state());
    assertEquals(f, await(lisp.eval("f")));
    assertNotEquals(f, await(lisp.eval("(spawn (fiber 1))")));
    assertEquals(Boolean.TRUE, await(lisp.call(lisp.lookup("eq?"), f, lisp.lookup("f"))));
    assertTrue(f.toString().matches("#<fiber \\d+ done>"), f.toString());
  }

  @Test
  void cancelingAParkedFiberFromJavaRunsItsFinallyAndFailsItsJoin() {
    OmniLisp lisp = runtime();
    SharedChannel never = lisp.channel(0);
    lisp.define("never", never);
    FiberHandle f =
        (FiberHandle)
            await(
                lisp.eval(
                    "(define cleaned 'no)"
                        + "(spawn (fiber (try (recv never) (finally (set! cleaned 'yes)))))"));
    f.cancel();
    CompletionException e = assertThrows(CompletionException.class, () -> await(f.join()));
    LispError error = assertInstanceOf(LispError.class, e.getCause());
    assertTrue(error.getMessage().endsWith("canceled"), error.getMessage());
    assertEquals("yes", await(lisp.eval("cleaned")));
    assertEquals("canceled", f.state());
  }

  @Test
  void aCoroutineHandleCannotBeJoinedFromJava() {
    OmniLisp lisp = runtime();
    FiberHandle f = (FiberHandle) await(lisp.eval("(fiber 1)"));
    assertEquals("new", f.state());
    CompletionException e = assertThrows(CompletionException.class, () -> await(f.join()));
    assertInstanceOf(IllegalStateException.class, e.getCause());
  }

  @Test
  void valuesConvertsBothWays() {
    OmniLisp lisp = runtime();
    SharedChannel c = lisp.channel(0);
    Object lispList = Values.toLisp(List.of(c, 1L));
    assertEquals(List.of(c, 1L), Values.toJava(lispList));
  }
}
