package org.omnilisp.fibers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The runtime's reports to the actor system's log (SLF4J), as Pekko's own: a fiber's or an OS
 * thread's error that nobody joined, and deadlock reports. Each carries the fiber id and the actor
 * path in the message and in the MDC keys Pekko uses ({@code pekkoSource}, {@code
 * sourceActorSystem}). The runner also prints these on stderr and silences this logger.
 */
final class RuntimeLog {
  private volatile Logger log; // looked up on first use: SLF4J's start costs ~50 ms

  RuntimeLog(Logger log) {
    this.log = log;
  }

  RuntimeLog() {
    this(null);
  }

  private Logger logger() {
    Logger l = log;
    if (l == null) {
      l = LoggerFactory.getLogger(FiberRuntime.class);
      log = l;
    }
    return l;
  }

  void fiberFailed(long fiberId, String actorPath, String systemName, String report) {
    withSource(
        actorPath,
        systemName,
        () -> logger().error("fiber {} at {} failed: {}", fiberId, actorPath, report));
  }

  void threadFailed(String systemName, String report) {
    withSource("", systemName, () -> logger().error("{}", report));
  }

  void deadlock(String systemName, String report) {
    withSource("", systemName, () -> logger().error("{}", report));
  }

  private static void withSource(String actorPath, String systemName, Runnable logIt) {
    MDC.put("pekkoSource", actorPath);
    MDC.put("sourceActorSystem", systemName);
    try {
      logIt.run();
    } finally {
      MDC.remove("pekkoSource");
      MDC.remove("sourceActorSystem");
    }
  }
}
