/**
 * Parking I/O on Pekko: blocking file work on {@code omni.io-dispatcher}, TCP on Pekko IO,
 * processes. Internal: the fiber runtime installs its primitives (qualified export).
 */
module org.omnilisp.io {
  requires org.omnilisp.interpreter;
  requires pekko.actor.typed;
  requires pekko.actor;
  requires scala.library;
  // Pekko uses sun.misc.Unsafe; as an automatic module it cannot say so, so we do (on the module
  // path, nothing else would resolve jdk.unsupported)
  requires jdk.unsupported;

  exports org.omnilisp.io to
      org.omnilisp.fibers;
}
