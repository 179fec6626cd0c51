package org.omnilisp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.api.LispError;
import org.omnilisp.api.OmniLisp;

/**
 * The module as a runtime sees it: installed by the ServiceLoader hook into every runtime, an open
 * server keeps the deadlock detector quiet (and a stopped one no longer does), and closing the
 * runtime closes its servers.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpRuntimeTest {
  private OmniLisp lisp;

  @AfterEach
  void tearDown() {
    if (lisp != null) {
      lisp.close();
    }
  }

  private OmniLisp newRuntime() {
    return OmniLisp.create(
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @Test
  void everyRuntimeHasTheHttpProcedures() {
    lisp = newRuntime();
    assertEquals(
        "procedure procedure procedure procedure procedure",
        lisp.evalHere(
            "(str (type-of http-serve) \" \" (type-of http-stop) \" \" (type-of http-server-port)"
                + " \" \" (type-of http-request) \" \" (type-of http-get))",
            "t"));
  }

  @Test
  void anOpenServerIsNoDeadlockAStoppedOneIs() {
    lisp = newRuntime();
    // The handler wakes the main program, which waited with no fiber alive while the request
    // was on its way: not a deadlock, since the server may still be called.
    Object body =
        lisp.evalHere(
            "(define c (chan))"
                + "(define s (http-serve 0 (lambda (req) (send c (dict-ref req 'body)) \"ok\")))"
                + "(define url (str \"http://127.0.0.1:\" (http-server-port s)))"
                + "(thread (lambda () (sleep 400) (http-request \"POST\" url \"late\")))"
                + "(recv c)",
            "t");
    assertEquals("late", body);
    lisp.evalHere("(http-stop s)", "t");
    LispError e = assertThrows(LispError.class, () -> lisp.evalHere("(recv c)", "t"));
    assertTrue(OmniLisp.describe(e).contains("deadlock"), OmniLisp.describe(e));
  }

  @Test
  void closingTheRuntimeClosesItsServers() throws Exception {
    lisp = newRuntime();
    long port = (Long) lisp.evalHere("(http-server-port (http-serve 0 (lambda (r) \"x\")))", "t");
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", (int) port), 5000);
    }
    lisp.close();
    lisp = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    boolean refused = false;
    while (!refused && System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", (int) port), 5000);
        Thread.sleep(20);
      } catch (ConnectException e) {
        refused = true;
      } catch (IOException e) {
        Thread.sleep(20);
      }
    }
    assertTrue(refused, "the port is still open after close");
  }
}
