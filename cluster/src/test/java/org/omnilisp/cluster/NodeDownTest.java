package org.omnilisp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.api.LispError;
import org.omnilisp.api.OmniLisp;

/**
 * A channel's node goes away while fibers of another node are parked on it: they, and every later
 * operation, get {@code node down} with the address; nothing hangs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeDownTest {
  private static Object on(OmniLisp node, String code) {
    return node.evalHere(code, "test");
  }

  /** Fibers parked on recv and send of {@code ch} (both channels of the owner), waiting. */
  private static void parkOn(OmniLisp node) {
    on(node, "(define r (spawn (lambda () (recv ch))))");
    on(node, "(define s (spawn (lambda () (send ch2 1))))");
    // Handshake: wait until both fibers are parked on the remote channel.
    on(
        node,
        "(let loop () (unless (and (eq? (fiber-state r) 'parked) (eq? (fiber-state s) 'parked))"
            + " (sleep 10) (loop)))");
  }

  private static void assertNodeDown(OmniLisp node, String code, String address) {
    LispError e = assertThrows(LispError.class, () -> on(node, code));
    assertTrue(e.getMessage().contains("node down"), e.getMessage());
    assertTrue(e.getMessage().contains(address), e.getMessage());
  }

  @Test
  void aNodeThatLeavesFailsParkedAndLaterOperations() throws InterruptedException {
    try (Nodes nodes = new Nodes()) {
      OmniLisp owner = nodes.first();
      OmniLisp user = nodes.joining(owner);
      nodes.awaitUp(2);
      String address = Nodes.self(owner);
      on(
          owner,
          "(define ch (chan)) (chan-publish \"ch\" ch) (define ch2 (chan)) (chan-publish \"ch2\" ch2)");
      on(user, "(define ch (chan-lookup \"ch\" 10000)) (define ch2 (chan-lookup \"ch2\" 10000))");
      // One exchange works first, so the proxy is in use.
      on(owner, "(spawn (lambda () (send ch 'hello)))");
      assertEquals("hello", String.valueOf(on(user, "(symbol->string (recv ch))")));
      parkOn(user);
      assertEquals("parked", String.valueOf(on(user, "(symbol->string (fiber-state s))")));
      owner.close(); // leaves the cluster
      assertNodeDown(user, "(join r)", address);
      assertNodeDown(user, "(join s)", address);
      assertNodeDown(user, "(recv ch)", address);
      assertNodeDown(user, "(send ch 3)", address);
      assertNodeDown(user, "(try-recv ch)", address);
      assertFalse(
          Nodes.self(user).equals(address)
              || String.valueOf(on(user, "(cluster-members)")).contains(address));
    }
  }

  @Test
  void aNodeThatVanishesIsDownedAndFailsParkedOperations() throws InterruptedException {
    try (Nodes nodes = new Nodes()) {
      OmniLisp user = nodes.first(); // the oldest: the split-brain resolver keeps it
      OmniLisp owner = nodes.crashing(user);
      nodes.awaitUp(2);
      String address = Nodes.self(owner);
      on(
          owner,
          "(define ch (chan)) (chan-publish \"ch\" ch) (define ch2 (chan)) (chan-publish \"ch2\" ch2)");
      on(user, "(define ch (chan-lookup \"ch\" 10000)) (define ch2 (chan-lookup \"ch2\" 10000))");
      parkOn(user);
      long start = System.nanoTime();
      owner.fibers().actorSystem().terminate(); // no leave: the others must find out
      assertNodeDown(user, "(join r)", address);
      assertNodeDown(user, "(join s)", address);
      assertNodeDown(user, "(send ch 3)", address);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(ms < 30_000, "took " + ms + " ms");
      // The downed node drops out of the members.
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (Nodes.count(user) != 1) {
        assertTrue(System.nanoTime() < deadline, "the downed node is still a member");
        Thread.sleep(50);
      }
    }
  }

  @Test
  void aNodeThatComesBackAtTheSameAddressIsUsableAgain() throws InterruptedException {
    try (Nodes nodes = new Nodes()) {
      OmniLisp user = nodes.first();
      OmniLisp owner = nodes.crashing(user);
      nodes.awaitUp(2);
      String address = Nodes.self(owner);
      on(owner, "(define ch (chan 1)) (chan-publish \"ch\" ch)");
      on(user, "(define old (chan-lookup \"ch\" 10000))");
      owner.fibers().actorSystem().terminate();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (Nodes.count(user) != 1) {
        assertTrue(System.nanoTime() < deadline, "the crashed node is still a member");
        Thread.sleep(50);
      }
      owner.fibers().actorSystem().getWhenTerminated().toCompletableFuture().join();
      OmniLisp again = nodes.at(address, user);
      assertEquals(address, Nodes.self(again));
      Nodes.awaitUp(2, java.util.List.of(user, again));
      on(again, "(define ch (chan 1)) (chan-publish \"ch\" ch)");
      // The old channel stays down; a new lookup finds the new node's channel.
      assertNodeDown(user, "(send old 1)", address);
      on(
          user,
          "(define new (let loop () (let ((c (chan-lookup \"ch\" 10000))) (if (eq? c old) (begin (sleep 50) (loop)) c))))");
      on(user, "(send new 'back)");
      assertEquals("back", String.valueOf(on(again, "(symbol->string (recv ch))")));
    }
  }
}
