package org.omnilisp.fibers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A fiber's failure withdraws the park a with-fibers body is already in (docs/scopes.md): the
 * failure is made to come only once the body is known to be parked, so this is the withdrawal path,
 * not the check at the body's next park.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScopeStopsBodyTest {
  private final KitRuntime kit = new KitRuntime(); // one per test: JUnit makes an instance each

  @AfterEach
  void tearDown() {
    kit.close();
  }

  private String eval(String src) {
    return kit.eval(src);
  }

  @Test
  void aParkedBodyIsWithdrawnWhenAFiberFailsAndTheOwnerGoesOn() throws Exception {
    eval("(define go (chan)) (define never (chan)) (define seen 'nothing)");
    eval(
        "(define owner (spawn (fiber"
            + "  (define r (try (with-fibers"
            + "                   (spawn (fiber (recv go) (error \"boom\")))"
            + "                   (try (recv never) (catch e (set! seen (error-message e)) (raise e))))"
            + "                 (catch e (error-message e))))"
            + "  (list r (canceled?)))))");
    kit.awaitParked(2, "recv"); // the body on never, the fiber on go
    eval("(send go 'fail-now)");
    assertEquals("(\"boom\" false)", eval("(join owner)"));
    assertEquals("\"canceled\"", eval("seen"));
  }

  @Test
  void aBodyInTheMainProgramIsStoppedToo() throws Exception {
    // Without the stop, the main program's body would be ended by the deadlock detector instead,
    // with a deadlock error. The failure comes only once the body is known to wait on `never` (a
    // handshake on what the main host waits for), so this is the withdrawal path.
    eval("(define go (chan)) (define never (chan)) (define seen 'nothing)");
    MainHost main = (MainHost) kit.interp.host();
    Thread failer =
        new Thread(
            () -> {
              try {
                kit.awaitParked(1, "recv"); // the fiber, on go
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!String.valueOf(main.waitingFor()).contains("recv")) { // the body
                  if (System.nanoTime() > deadline) {
                    return; // the body never parked: the assertion below fails
                  }
                  Thread.sleep(2);
                }
                eval("(send go 'fail-now)");
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    failer.start();
    assertEquals(
        "\"boom\"",
        eval(
            "(try (with-fibers"
                + "       (spawn (fiber (recv go) (error \"boom\")))"
                + "       (try (recv never) (catch e (set! seen (error-message e)) (raise e))))"
                + "  (catch e (error-message e)))"));
    failer.join();
    assertEquals("\"canceled\"", eval("seen"));
  }
}
