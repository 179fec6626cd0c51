package org.omnilisp.channels.internal;

import org.jetbrains.kotlinx.lincheck.LinCheckerKt;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.omnilisp.channels.api.ChannelProtocol;
import org.omnilisp.channels.api.Waiter;

/**
 * A model check (Lincheck) of the shared channel core: every interleaving Lincheck explores of the
 * fast paths ({@code offer}, {@code take}), the parking entry points ({@code send}, {@code recv},
 * as a party parking through its handle) and {@code close}, from several threads, must give results
 * that some sequential order of the same operations gives. Lincheck's sequential specification is
 * this class run on one thread. A parking operation's result is what it knew when it returned:
 * completed inside the call (by a partner already parked, or buffer room), or parked. Values a
 * parked sender left reach later takes, so a lost or doubled value shows as a take that no
 * sequential order explains.
 */
@Param(name = "v", gen = IntGen.class, conf = "1:3")
public abstract class ChannelCoreLincheck {
  private final ChannelCore core = new ChannelCore(capacity(), e -> {});

  abstract int capacity();

  /**
   * A parking party's waiter: what happened to it within its own call (a completion that another
   * thread runs later, after the party parked, is not part of the call's result).
   */
  private static final class Party extends Waiter {
    private final Thread caller = Thread.currentThread();
    volatile Object outcome;

    private void set(Object o) {
      if (Thread.currentThread() == caller) {
        outcome = o;
      }
    }

    @Override
    public void onSent(int clause) {
      set("sent");
    }

    @Override
    public void onReceived(int clause, Object value) {
      set(value);
    }

    @Override
    public void onClosed(int clause) {
      set("closed");
    }
  }

  @Operation
  public Object offer(@Param(name = "v") int v) {
    return answer(core.offer(v));
  }

  @Operation
  public Object take() {
    return answer(core.take());
  }

  @Operation
  public void close() {
    core.close();
  }

  @Operation
  public Object parkSend(@Param(name = "v") int v) {
    Party p = new Party();
    core.send(v, p, 0);
    Object o = p.outcome;
    return o == null ? "parked" : o;
  }

  @Operation
  public Object parkRecv() {
    Party p = new Party();
    core.recv(p, 0);
    Object o = p.outcome;
    return o == null ? "parked" : o;
  }

  private static Object answer(Object a) {
    if (a == ChannelProtocol.SENT) {
      return "SENT";
    }
    if (a == ChannelProtocol.EMPTY) {
      return "EMPTY";
    }
    if (a == ChannelProtocol.CLOSED) {
      return "CLOSED";
    }
    return a;
  }

  @Test
  @Timeout(300)
  void modelChecking() {
    LinCheckerKt.check(
        new ModelCheckingOptions()
            .iterations(15)
            .invocationsPerIteration(300)
            .threads(3)
            .actorsPerThread(3)
            .actorsBefore(2)
            .actorsAfter(2),
        getClass());
  }

  @Test
  @Timeout(300)
  void stress() {
    LinCheckerKt.check(
        new StressOptions()
            .iterations(5)
            .invocationsPerIteration(200)
            .threads(3)
            .actorsPerThread(3)
            .actorsBefore(2)
            .actorsAfter(2),
        getClass());
  }
}
