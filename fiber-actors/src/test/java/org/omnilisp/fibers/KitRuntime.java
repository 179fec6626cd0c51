package org.omnilisp.fibers;

import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.omnilisp.interp.Interpreter;
import org.omnilisp.lang.Printer;
import org.omnilisp.machine.FiberState;

/** For tests: a fiber runtime inside an ActorTestKit's actor system, with a quiet interpreter. */
final class KitRuntime implements AutoCloseable {
  final ActorTestKit testKit = ActorTestKit.create();
  final Interpreter interp =
      new Interpreter(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  final FiberRuntime runtime = new FiberRuntime(interp, ConfigFactory.empty(), testKit.system());

  /** Evaluates {@code src} in the main program; returns the value as {@code write} prints it. */
  String eval(String src) {
    return Printer.write(interp.eval(src, "test"));
  }

  /**
   * Waits (up to 10 s) until at least {@code n} live fibers are parked on something whose
   * description contains {@code what} (say {@code "recv"}; {@code ""} for any park).
   */
  void awaitParked(int n, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (runtime.liveFibers().stream().filter(t -> isParkedOn(t, what)).count() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("fibers did not park on " + what + ": " + eval("(fibers)"));
      }
      Thread.sleep(2);
    }
  }

  /**
   * Waits (up to 10 s) until the fiber that global {@code name} holds is parked on {@code what}.
   */
  void awaitParked(String name, String what) throws InterruptedException {
    Object fiber = interp.eval(name, "test");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (runtime.liveFibers().stream().noneMatch(t -> t.fiber == fiber && isParkedOn(t, what))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(name + " did not park on " + what + ": " + eval("(fibers)"));
      }
      Thread.sleep(2);
    }
  }

  private static boolean isParkedOn(FiberTask t, String what) {
    return t.fiber.state() == FiberState.PARKED && t.waitingFor().contains(what);
  }

  @Override
  public void close() {
    runtime.close(); // does not own the system: a no-op
    testKit.shutdownTestKit();
  }
}
