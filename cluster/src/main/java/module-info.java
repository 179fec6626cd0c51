/**
 * Channels across a Pekko Cluster: an add-on module that the fiber runtime finds as a {@code
 * RuntimeModule} service. Internal otherwise: the runner configures it (qualified export), and
 * Pekko makes its serializer by reflection ({@code opens} to Pekko).
 */
module org.omnilisp.cluster {
  requires org.omnilisp.fibers;
  requires org.omnilisp.channels;
  requires org.omnilisp.interpreter;
  requires pekko.cluster.typed;
  requires pekko.cluster;
  requires pekko.actor.typed;
  requires pekko.actor;
  requires scala.library;
  requires typesafe.config;

  exports org.omnilisp.cluster to
      org.omnilisp.fibers,
      org.omnilisp.runner;

  opens org.omnilisp.cluster to
      pekko.actor;

  provides org.omnilisp.fibers.RuntimeModule with
      org.omnilisp.cluster.ClusterModule;
}
