/**
 * Channels as Pekko typed actors, generic over {@code Object}: {@code org.omnilisp.channels.api} is
 * the Java API (a channel's protocol, handle and factory); the actor behind it is internal
 * (qualified export to the cluster module, which proxies channels across nodes).
 */
module org.omnilisp.channels {
  requires transitive pekko.actor.typed;
  requires transitive pekko.actor;
  requires scala.library;
  requires org.slf4j;
  // Pekko uses sun.misc.Unsafe; as an automatic module it cannot say so, so we do (on the module
  // path, nothing else would resolve jdk.unsupported)
  requires jdk.unsupported;

  exports org.omnilisp.channels.api;
  exports org.omnilisp.channels.internal to
      org.omnilisp.cluster;
}
