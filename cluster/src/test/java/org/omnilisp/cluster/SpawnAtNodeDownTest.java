package org.omnilisp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.api.LispError;
import org.omnilisp.api.OmniLisp;

/** The node of a remote fiber goes away while it is joined: the join fails with node down. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpawnAtNodeDownTest {
  private static Object on(OmniLisp node, String code) {
    return node.evalHere(code, "test");
  }

  @Test
  void aJoinedFibersNodeVanishes() throws InterruptedException {
    try (Nodes nodes = new Nodes()) {
      OmniLisp caller = nodes.first(); // the oldest: the split-brain resolver keeps it
      OmniLisp worker = nodes.crashing(caller);
      nodes.awaitUp(2);
      String address = Nodes.self(worker);
      on(worker, "(define (wait-then ready) (send ready 'in) (sleep 60000))");
      on(caller, "(define ready (chan))");
      on(caller, "(define f (spawn-at \"" + address + "\" 'wait-then ready)) (recv ready)");
      on(caller, "(define joiner (spawn (lambda () (join f))))");
      on(caller, "(let loop () (unless (eq? (fiber-state joiner) 'parked) (sleep 5) (loop)))");
      worker.fibers().actorSystem().terminate(); // no leave: the caller must find out
      for (String code : new String[] {"(join joiner)", "(join f)"}) {
        LispError e = assertThrows(LispError.class, () -> on(caller, code));
        assertTrue(e.getMessage().contains("join: node down: " + address), e.getMessage());
      }
      assertEquals("failed", String.valueOf(on(caller, "(symbol->string (fiber-state f))")));
      // Once it is no longer a member, spawn-at to it is refused at once.
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (Nodes.count(caller) != 1) {
        assertTrue(System.nanoTime() < deadline, "the downed node is still a member");
        Thread.sleep(50);
      }
      LispError e =
          assertThrows(
              LispError.class, () -> on(caller, "(spawn-at \"" + address + "\" 'wait-then 1)"));
      assertTrue(e.getMessage().contains("is not a member"), e.getMessage());
    }
  }

  @Test
  void aNodeThatLeavesFailsTheJoin() throws InterruptedException {
    try (Nodes nodes = new Nodes()) {
      OmniLisp caller = nodes.first();
      OmniLisp worker = nodes.joining(caller);
      nodes.awaitUp(2);
      String address = Nodes.self(worker);
      on(worker, "(define (wait-then ready) (send ready 'in) (sleep 60000))");
      on(caller, "(define ready (chan))");
      on(caller, "(define f (spawn-at \"" + address + "\" 'wait-then ready)) (recv ready)");
      worker.close(); // leaves
      LispError e = assertThrows(LispError.class, () -> on(caller, "(join f)"));
      assertTrue(e.getMessage().contains("node down"), e.getMessage());
      assertTrue(e.getMessage().contains(address), e.getMessage());
    }
  }
}
