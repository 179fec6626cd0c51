package org.omnilisp.fibers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.api.LispError;
import org.omnilisp.api.OmniLisp;
import org.slf4j.event.EventRecordingLogger;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.SubstituteLogger;

/** Unjoined errors and deadlocks also go to the actor system's log (SLF4J), with fiber and path. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RuntimeLogTest {
  private final ConcurrentLinkedQueue<SubstituteLoggingEvent> events =
      new ConcurrentLinkedQueue<>();
  private final List<String> stderr = java.util.Collections.synchronizedList(new ArrayList<>());
  private OmniLisp lisp;

  @BeforeEach
  void setUp() {
    lisp =
        OmniLisp.create(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    SubstituteLogger logger = new SubstituteLogger("test", events, false);
    lisp.fibers().log = new RuntimeLog(new EventRecordingLogger(logger, events));
    lisp.fibers().errorReports = stderr::add;
  }

  @AfterEach
  void tearDown() {
    lisp.close();
  }

  private SubstituteLoggingEvent awaitEvent() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (events.isEmpty()) {
      assertTrue(System.nanoTime() < deadline, "nothing was logged");
      Thread.sleep(5);
    }
    return events.peek();
  }

  @Test
  void anUnjoinedFibersErrorIsLoggedWithItsIdAndActorPath() throws Exception {
    lisp.evalHere("(define f (spawn (fiber (sleep 1) (car 42))))", "log-test");
    SubstituteLoggingEvent e = awaitEvent();
    assertEquals(Level.ERROR, e.getLevel());
    Object[] args = e.getArgumentArray();
    long id = ((org.omnilisp.api.FiberHandle) lisp.lookup("f")).id();
    assertEquals(id, args[0]);
    assertTrue(String.valueOf(args[1]).startsWith("pekko://"), "actor path: " + args[1]);
    assertTrue(String.valueOf(args[2]).contains("car: expected a pair, got 42"), "" + args[2]);
    assertEquals(1, stderr.size(), "stderr too: " + stderr);
  }

  @Test
  void aDeadlockIsLogged() throws Exception {
    assertThrows(LispError.class, () -> lisp.evalHere("(recv (chan))", "log-test"));
    SubstituteLoggingEvent e = awaitEvent();
    assertEquals(Level.ERROR, e.getLevel());
    assertTrue(String.valueOf(e.getArgumentArray()[0]).startsWith("deadlock"), e.getMessage());
  }
}
