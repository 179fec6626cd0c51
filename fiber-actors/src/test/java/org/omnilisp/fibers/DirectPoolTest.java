package org.omnilisp.fibers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.interp.Interpreter;
import org.omnilisp.lang.Nothing;
import org.omnilisp.machine.Primitive;

/**
 * Spawned fibers go straight to the fiber executor (DirectPool), past Pekko's dispatcher wrapper;
 * the dispatcher's anchor keeps that executor alive while no actor and no wrapped task inhabits it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DirectPoolTest {
  @Test
  void theExecutorOutlivesTheDispatchersShutdownTimeout() throws Exception {
    Interpreter interp =
        new Interpreter(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    AtomicReference<FiberExecutor> ranOn = new AtomicReference<>();
    interp.define(
        "record-executor",
        Primitive.of0(
            "record-executor",
            () -> {
              ranOn.set(FiberExecutor.current());
              return Nothing.NOTHING;
            }));
    // Pekko shuts an executor down after this long without inhabitants (default 1 s)
    FiberRuntime runtime =
        new FiberRuntime(
            interp, ConfigFactory.parseString("omni.fiber-dispatcher.shutdown-timeout = 50ms"));
    try {
      String spawnAndJoin = "(join (spawn (fiber (record-executor) 7)))";
      // the first spawns start the anchor; go on until a fiber has gone the direct way
      FiberExecutor first = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (first == null) {
        assertEquals(7L, interp.eval(spawnAndJoin, "t"));
        if (runtime.directTarget() instanceof FiberExecutor e) {
          first = e;
        } else {
          assertFalse(System.nanoTime() > deadline, "the dispatcher's anchor never started");
          Thread.sleep(5);
        }
      }
      assertEquals(7L, interp.eval(spawnAndJoin, "t"));
      assertSame(first, ranOn.get());
      // Ten times the shutdown timeout with nothing running: without the anchor Pekko would have
      // shut this executor down and made a new one for the next task.
      Thread.sleep(500);
      for (int i = 0; i < 100; i++) {
        assertEquals(7L, interp.eval(spawnAndJoin, "t"));
      }
      assertNotNull(ranOn.get());
      assertSame(first, ranOn.get(), "fibers still run on the first executor");
      assertFalse(first.isShutdown());
      assertSame(first, runtime.directTarget());
    } finally {
      runtime.close();
    }
  }
}
