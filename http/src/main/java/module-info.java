/**
 * {@code http-serve}, {@code http-request} and {@code http-get} on Pekko HTTP: an add-on module
 * that the fiber runtime finds as a {@code RuntimeModule} service. Internal otherwise (the runner
 * names {@code HttpModule} in {@code omni.modules}, which the runtime loads by reflection).
 */
module org.omnilisp.http {
  requires org.omnilisp.fibers;
  requires org.omnilisp.interpreter;
  requires pekko.http.core;
  requires pekko.actor.typed;
  requires pekko.actor;
  requires pekko.stream;
  requires scala.library;
  requires typesafe.config;

  exports org.omnilisp.http to
      org.omnilisp.fibers,
      org.omnilisp.runner;

  provides org.omnilisp.fibers.RuntimeModule with
      org.omnilisp.http.HttpModule;
}
