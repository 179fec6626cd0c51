package org.omnilisp.api;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A host application for {@link LifecycleTest}: it embeds a runtime, parks a fiber whose {@code
 * finally} prints, says {@code ready} and waits to be sent SIGTERM.
 */
public final class LifecycleMain {
  private LifecycleMain() {}

  public static void main(String[] args) {
    try {
      run();
    } catch (Throwable t) {
      t.printStackTrace(System.out);
      System.exit(1); // the actor system's threads would keep the JVM alive
    }
  }

  private static void run() {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "host");
    OmniLisp lisp = OmniLisp.get(system);
    lisp.define(
        "note",
        1,
        1,
        a -> {
          System.out.println(a.get(0));
          System.out.flush();
          return null;
        });
    lisp.evalHere(
        "(define f (spawn (fiber (try (sleep 600000) (finally (note \"finally ran\"))))))"
            + "(let wait () (unless (eq? (fiber-state f) 'parked) (sleep 1) (wait)))",
        "host");
    System.out.println("ready");
    System.out.flush();
    system.getWhenTerminated().toCompletableFuture().join();
  }
}
