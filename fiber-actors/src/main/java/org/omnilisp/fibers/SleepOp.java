package org.omnilisp.fibers;

import java.util.concurrent.atomic.AtomicBoolean;
import org.omnilisp.lang.Nothing;
import org.omnilisp.machine.ParkOp;
import org.omnilisp.machine.Waker;

/** {@code (sleep ms)}: a timer; whichever of the timer and a cancel comes first wins. */
final class SleepOp implements ParkOp {
  private final FiberRuntime runtime;
  private final long millis;
  private final AtomicBoolean settled = new AtomicBoolean();
  private volatile Runnable cancelTimer = () -> {};

  SleepOp(FiberRuntime runtime, long millis) {
    this.runtime = runtime;
    this.millis = millis;
  }

  @Override
  public void start(Waker w) {
    runtime.counters.timers.incrementAndGet();
    cancelTimer =
        runtime.schedule(
            millis,
            () -> {
              if (settled.compareAndSet(false, true)) {
                runtime.counters.timers.decrementAndGet();
                w.wake(Nothing.NOTHING);
              }
            });
  }

  @Override
  public boolean cancel() {
    if (!settled.compareAndSet(false, true)) {
      return false;
    }
    runtime.counters.timers.decrementAndGet();
    cancelTimer.run();
    return true;
  }

  @Override
  public String describe() {
    return "sleep " + millis + " ms";
  }
}
