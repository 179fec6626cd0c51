package org.omnilisp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnilisp.machine.IoSupport;
import org.omnilisp.machine.Waker;

/**
 * A socket operation's claim: exactly one of the actor's completion and a cancel wins, and a
 * completion that the waiter no longer takes (a select that another clause won) leaves the value
 * with the actor. The last is what keeps a line that arrives just after a lost {@code read-line}
 * clause for the next read (tcp/select.omni hung about once in 20 runs without it).
 */
class ClaimTest {
  /** A waker that records what reached it and answers {@link #claim} as told. */
  private static final class Recording implements Waker {
    final List<Object> woken = new ArrayList<>();
    final boolean takes;

    Recording(boolean takes) {
      this.takes = takes;
    }

    @Override
    public boolean claim() {
      return takes;
    }

    @Override
    public void wake(Object value) {
      woken.add(value);
    }

    @Override
    public void fail(Object error) {
      woken.add("failed: " + error);
    }
  }

  @Test
  void aCompletionTheWaiterTakesWakesIt() {
    Recording w = new Recording(true);
    Claim c = new Claim(w, IoSupport.DIRECT, "read-line");
    assertTrue(c.complete("bytes"));
    assertEquals(List.of("bytes"), w.woken);
    assertFalse(c.cancel(), "a cancel after the completion loses");
  }

  @Test
  void aCompletionTheWaiterNoLongerTakesIsLeftWithTheCaller() {
    Recording w = new Recording(false);
    Claim c = new Claim(w, IoSupport.DIRECT, "read-line");
    assertFalse(c.complete("bytes"), "the actor keeps the bytes");
    assertFalse(c.fail("boom"));
    assertEquals(List.of(), w.woken);
  }

  @Test
  void aCanceledClaimTakesNoCompletion() {
    Recording w = new Recording(true);
    Claim c = new Claim(w, IoSupport.DIRECT, "accept");
    assertTrue(c.cancel());
    assertFalse(c.complete("connection"));
    assertFalse(c.fail("boom"));
    assertEquals(List.of(), w.woken);
  }
}
