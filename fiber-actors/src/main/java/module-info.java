/**
 * The fiber runtime on Pekko and the embedding API. {@code org.omnilisp.api} is the public API
 * ({@code OmniLisp}, {@code SharedChannel}, {@code FiberBehavior}, the JSR-223 engine, ...); {@code
 * org.omnilisp.fibers} is the scheduler, exported only to the add-on modules (http, cluster) that
 * install procedures through {@code RuntimeModule}, and opened to Pekko, which makes the fiber
 * dispatcher's executor by reflection.
 */
module org.omnilisp.fibers {
  requires transitive org.omnilisp.channels;
  requires transitive pekko.actor.typed;
  requires transitive pekko.actor;
  requires transitive pekko.stream;
  requires scala.library;
  requires transitive java.scripting;
  requires org.omnilisp.interpreter;
  requires org.omnilisp.threads;
  requires org.omnilisp.io;
  requires org.slf4j;
  requires transitive typesafe.config;

  exports org.omnilisp.api;
  exports org.omnilisp.fibers to
      org.omnilisp.http,
      org.omnilisp.cluster;

  opens org.omnilisp.fibers to
      pekko.actor;

  uses org.omnilisp.fibers.RuntimeModule;

  provides javax.script.ScriptEngineFactory with
      org.omnilisp.api.OmniLispScriptEngineFactory;
}
