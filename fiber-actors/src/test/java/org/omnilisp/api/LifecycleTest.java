package org.omnilisp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stopping the host's actor system stops the runtime cleanly: nothing hangs, finally runs. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LifecycleTest {

  private static Throwable failureOf(CompletionStage<?> stage) {
    CompletionException e =
        assertThrows(
            CompletionException.class,
            () -> stage.toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join());
    return e.getCause();
  }

  @Test
  void terminatingTheActorSystemCancelsFibersAndReleasesEveryWaiter() throws Exception {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "lifecycle");
    OmniLisp lisp = OmniLisp.get(system);
    List<Object> notes = Collections.synchronizedList(new ArrayList<>());
    lisp.define(
        "note",
        1,
        1,
        a -> {
          notes.add(a.get(0));
          return null;
        });
    Object fed = lisp.channel(0);
    Object unfed = lisp.channel(0);
    lisp.define("fed", fed);
    lisp.define("unfed", unfed);
    lisp.eval("(define f (spawn (fiber (try (recv unfed) (finally (note 'finally-ran))))))")
        .toCompletableFuture()
        .join();
    ApiHandshakes.awaitParked(lisp, "f");
    CompletionStage<?> pendingRecv = OmniLisp.handle(fed).recv();
    CompletionStage<Object> pendingEval = lisp.eval("(recv unfed)");
    CompletableFuture<Object> blockedHere =
        CompletableFuture.supplyAsync(() -> lisp.evalHere("(recv fed)", "here"));

    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertEquals(List.of("finally-ran"), notes);
    assertInstanceOf(RuntimeStoppedException.class, failureOf(pendingRecv));
    assertInstanceOf(RuntimeStoppedException.class, failureOf(pendingEval));
    LispError here = assertInstanceOf(LispError.class, failureOf(blockedHere));
    assertTrue(here.getMessage().contains("runtime stopped"), here.getMessage());
    assertInstanceOf(RuntimeStoppedException.class, failureOf(lisp.eval("(+ 1 2)")));
    LispError after = assertThrows(LispError.class, () -> lisp.evalHere("(recv fed)", "after"));
    assertTrue(after.getMessage().contains("runtime stopped"), after.getMessage());
  }

  @Test
  void sigtermRunsTheHostsShutdownAndTheFibersFinallyClauses() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                // surefire runs this module's tests on the module path (the library jars) and the
                // class path (test jars); the child runs from the class path, as most hosts do
                System.getProperty("java.class.path")
                    + File.pathSeparator
                    + System.getProperty("jdk.module.path", ""),
                LifecycleMain.class.getName())
            .redirectErrorStream(true)
            .start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.equals("ready")) {
        lines.add(line);
      }
      assertEquals("ready", line, "the host never got ready: " + lines);
      p.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)
      while ((line = out.readLine()) != null) {
        lines.add(line);
      }
    } finally {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    assertTrue(lines.contains("finally ran"), "output after SIGTERM: " + lines);
  }
}
