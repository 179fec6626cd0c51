package org.omnilisp.io;

import org.apache.pekko.actor.typed.ActorSystem;

/**
 * What the I/O module needs from the runtime that installs it (the fiber runtime): its actor system
 * (started on first use) and a count of pending waits on the outside world, which its deadlock
 * detector must treat as progress still possible.
 */
public interface IoRuntime {
  ActorSystem<?> system();

  void waitStarted();

  void waitEnded();
}
