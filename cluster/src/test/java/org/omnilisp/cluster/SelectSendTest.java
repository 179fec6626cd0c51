package org.omnilisp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.api.OmniLisp;
import org.omnilisp.lang.Printer;

/**
 * A select whose send clause is on another node's channel, in the waiting phase (the two-phase
 * OFFER / READY / COMMIT protocol of cluster/README.md), races a local recv clause and a timeout
 * while the owning node's receiver comes and goes, with the protocol's messages delayed (and so
 * reordered) and READY and WITHDRAW sometimes dropped: exactly one clause fires each time, and the
 * values that the selects report sent are exactly the values the owner received.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SelectSendTest {
  private static Object on(OmniLisp node, String code) {
    return node.evalHere(code, "test");
  }

  /** Delays every protocol message by 0-2 ms and drops some READY and WITHDRAW messages. */
  private static Chaos chaos(
      long seed,
      AtomicInteger dropped,
      AtomicInteger delayed,
      AtomicInteger missed,
      AtomicInteger commits) {
    Random random = new Random(seed);
    return message -> {
      synchronized (random) {
        if (message instanceof Messages.Reply r && r.outcome() == Messages.MISSED) {
          missed.incrementAndGet();
        }
        if (message instanceof Messages.Request q && q.kind() == Messages.COMMIT) {
          commits.incrementAndGet();
        }
        int kind =
            message instanceof Messages.Reply r
                ? r.outcome() == Messages.READY ? -1 : 0
                : message instanceof Messages.Request q && q.kind() == Messages.WITHDRAW ? -2 : 0;
        if (kind != 0 && random.nextInt(8) == 0) {
          dropped.incrementAndGet();
          return -1;
        }
        long ms = random.nextInt(3);
        if (ms > 0) {
          delayed.incrementAndGet();
        }
        return ms;
      }
    };
  }

  @Test
  void aWaitingSelectSendsToAReceiverThatComesLater() throws InterruptedException {
    try (Nodes nodes = new Nodes()) {
      OmniLisp owner = nodes.first();
      OmniLisp user = nodes.joining(owner);
      nodes.awaitUp(2);
      on(owner, "(define ch (chan)) (chan-publish \"later\" ch)");
      on(user, "(define ch (chan-lookup \"later\" 10000)) (define here (chan))");
      on(
          user,
          "(define s (spawn (lambda () (select ((send ch 'x) 'sent) ((recv here) v 'got)"
              + " ((timeout 20000) 'timeout)))))");
      on(user, "(let loop () (unless (eq? (fiber-state s) 'parked) (sleep 5) (loop)))");
      assertEquals("x", Printer.write(on(owner, "(recv ch)")));
      assertEquals("sent", Printer.write(on(user, "(join s)")));
      // The receiver first, then the select: its offer meets demand at once.
      on(owner, "(define r (spawn (lambda () (recv ch))))");
      on(owner, "(let loop () (unless (eq? (fiber-state r) 'parked) (sleep 5) (loop)))");
      assertEquals(
          "sent",
          Printer.write(
              on(user, "(select ((send ch 'y) 'sent) ((recv here) v 'got) ((timeout 20000) 't))")));
      assertEquals("y", Printer.write(on(owner, "(join r)")));
      // A waiting select on each side: they meet.
      on(
          user,
          "(define s2 (spawn (lambda () (select ((send ch 'z) 'sent) ((recv here) v 'got)"
              + " ((timeout 20000) 'timeout)))))");
      on(user, "(let loop () (unless (eq? (fiber-state s2) 'parked) (sleep 5) (loop)))");
      on(user, "(sleep 200)");
      assertEquals(
          "z", Printer.write(on(owner, "(select ((recv ch) v v) ((timeout 20000) 'none))")));
      assertEquals("sent", Printer.write(on(user, "(join s2)")));
    }
  }

  @Test
  void exactlyOneClauseFiresAndNoValueVanishesOrDoubles() throws InterruptedException {
    try (Nodes nodes = new Nodes()) {
      OmniLisp owner = nodes.first();
      OmniLisp user = nodes.joining(owner);
      nodes.awaitUp(2);
      ClusterNode ownerNode = Nodes.instrument(owner);
      ClusterNode userNode = Nodes.instrument(user);
      on(owner, "(define ch (chan)) (chan-publish \"sel-send\" ch)");
      on(owner, "(define got '()) (define oks 0)");
      on(user, "(define ch (chan-lookup \"sel-send\" 10000))");
      on(user, "(define local (chan 1)) (define fed 0) (define results '())");
      AtomicInteger commits = new AtomicInteger();
      AtomicInteger missed = new AtomicInteger();
      int rounds = 0;
      for (long seed = 1; seed <= 3; seed++) {
        AtomicInteger dropped = new AtomicInteger();
        AtomicInteger delayed = new AtomicInteger();
        ownerNode.chaos = chaos(seed * 31, dropped, delayed, missed, commits);
        userNode.chaos = chaos(seed * 17, dropped, delayed, missed, commits);
        Random random = new Random(seed);
        for (int i = 0; i < 100; i++, rounds++) {
          // One round: the user's select (remote send, local recv, timeout) starts first; then,
          // each after its own random pause, the owner's receiver, the user's local feeder, and
          // (one round in three) a rival sender on the owner's node that may take the receiver.
          String value = "r" + rounds;
          on(
              user,
              "(define s (spawn (lambda () (select ((send ch \""
                  + value
                  + "\") 'sent) ((recv local) v 'got) ((timeout 40) 'timeout)))))");
          on(
              owner,
              "(define r (spawn (lambda () (sleep "
                  + random.nextInt(8)
                  + ") (select ((recv ch) v (set! got (cons v got))) ((timeout 60) false)))))");
          on(
              owner,
              random.nextInt(3) == 0
                  ? "(define q (spawn (lambda () (sleep "
                      + random.nextInt(30)
                      + ") (select ((send ch 'o) (set! oks (+ oks 1))) ((timeout 4) false)))))"
                  : "(define q (spawn (lambda () false)))");
          on(
              user,
              "(define f (spawn (lambda () (sleep "
                  + random.nextInt(60)
                  + ") (when (try-send local 'x) (set! fed (+ fed 1))))))");
          on(user, "(set! results (cons (list (join s) \"" + value + "\") results)) (join f)");
          on(owner, "(join r) (join q)");
        }
        System.out.println(
            "seed "
                + seed
                + ": "
                + on(user, "(length (filter (lambda (e) (eq? (car e) 'sent)) results))")
                + " sent so far, dropped "
                + dropped
                + ", delayed "
                + delayed
                + "; in all "
                + commits
                + " commits, "
                + missed
                + " missed (registered again)");
        assertTrue(delayed.get() > 0, "no message was delayed");
      }
      // What the selects sent is what the owner received: the same values, each once.
      String sent =
          Printer.write(
              on(
                  user,
                  "(sort (map cadr (filter (lambda (e) (eq? (car e) 'sent)) results)) string<?)"));
      String received = Printer.write(on(owner, "(sort (filter string? got) string<?)"));
      assertEquals(sent, received);
      assertEquals(on(owner, "oks"), on(owner, "(length (filter symbol? got))"));
      assertEquals(true, on(owner, "(eq? nothing (try-recv ch))"), "nothing left behind");
      // Each local value fed was taken by exactly one select, or is still buffered.
      long gotLocal = (Long) on(user, "(length (filter (lambda (e) (eq? (car e) 'got)) results))");
      long left = (Long) on(user, "(if (eq? nothing (try-recv local)) 0 1)");
      assertEquals((Long) on(user, "fed"), gotLocal + left);
      assertEquals(300, rounds);
      assertTrue(commits.get() > 0, "no select committed a remote send in its waiting phase");
    }
  }
}
