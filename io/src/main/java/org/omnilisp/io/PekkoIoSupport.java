package org.omnilisp.io;

import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.omnilisp.machine.IoSupport;

/** The port layer's {@link IoSupport} on Pekko: blocking work on {@code omni.io-dispatcher}. */
final class PekkoIoSupport implements IoSupport {
  static final String DISPATCHER = "omni.io-dispatcher";

  private final IoRuntime runtime;
  private volatile Executor executor;

  PekkoIoSupport(IoRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public Executor blockingExecutor() {
    Executor e = executor;
    if (e == null) {
      e = runtime.system().dispatchers().lookup(DispatcherSelector.fromConfig(DISPATCHER));
      executor = e;
    }
    return e;
  }

  @Override
  public void waitStarted() {
    runtime.waitStarted();
  }

  @Override
  public void waitEnded() {
    runtime.waitEnded();
  }
}
