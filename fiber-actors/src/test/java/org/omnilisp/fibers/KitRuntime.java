package org.omnilisp.fibers;

import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.omnilisp.lang.Printer;
import org.omnilisp.machine.Interpreter;

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

  @Override
  public void close() {
    runtime.close(); // does not own the system: a no-op
    testKit.shutdownTestKit();
  }
}
