package org.omnilisp.tests.streams;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.omnilisp.api.OmniLisp;
import org.omnilisp.api.SharedChannel;
import org.reactivestreams.tck.TestEnvironment;

/**
 * One actor system and one OmniLisp runtime for a Reactive Streams TCK class, with the Lisp fibers
 * that stand on the other side of the channels under test.
 */
final class TckRuntime {
  /**
   * The TCK's timeouts. A signal crosses a Pekko stream, a channel actor and a fiber, on a shared
   * 2-core machine: 2 s before a missing signal fails a test; 100 ms of silence is enough to show a
   * signal that must not come (the TCK waits it in many tests, so it bounds the run time).
   */
  static TestEnvironment environment() {
    return new TestEnvironment(2_000, 100, 50);
  }

  /** How long the TCK waits for a canceled subscriber to be garbage collected (rule 3.13). */
  static final long GC_TIMEOUT_MILLIS = 1_000;

  final ActorSystem<Void> system;
  final OmniLisp lisp;

  TckRuntime(String name) {
    system = ActorSystem.create(Behaviors.empty(), name);
    lisp = OmniLisp.create(system, new PrintStream(System.out, true));
    lisp.evalHere(
        // sends 0, 1, ..., n-1, then closes c (n may be Long.MAX_VALUE: a producer without end)
        "(define (produce c n)"
            + "  (spawn (fiber (let loop ((i 0))"
            + "    (if (< i n) (begin (send c i) (loop (+ i 1))) (close c))))))"
            // receives from c until it is closed and drained
            + "(define (drain c)"
            + "  (spawn (fiber (let loop () (unless (nothing? (recv c)) (loop))))))"
            // sends on every value received from in, then closes out once in is closed and drained
            + "(define (copy in out)"
            + "  (spawn (fiber (let loop () (let ((v (recv in)))"
            + "    (if (nothing? v) (close out) (begin (send out v) (loop))))))))",
        "tck");
  }

  /** A new channel of {@code capacity}. */
  SharedChannel channel(int capacity) {
    return lisp.channel(capacity);
  }

  /** Spawns the Lisp fiber {@code name} (produce, drain, copy) on {@code args}. */
  void spawn(String name, Object... args) {
    lisp.callHere(lisp.lookup(name), args);
  }

  /** Closes the runtime and terminates the actor system. */
  void close() throws Exception {
    lisp.close();
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
