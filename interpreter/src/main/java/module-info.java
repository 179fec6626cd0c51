/**
 * The OmniLisp interpreter: reader, printer, values, analyzer, the CPS machine and the core
 * library, with no Pekko. It exports no package to everyone: the embedding API is {@code
 * org.omnilisp.api} in {@code org.omnilisp.fibers}. The runtime modules that run the machine get
 * the packages they need by qualified exports.
 */
module org.omnilisp.interpreter {
  requires com.fasterxml.jackson.core;
  requires org.objectweb.asm;

  exports org.omnilisp.lang to
      org.omnilisp.threads,
      org.omnilisp.io,
      org.omnilisp.fibers,
      org.omnilisp.http,
      org.omnilisp.cluster;
  exports org.omnilisp.machine to
      org.omnilisp.threads,
      org.omnilisp.io,
      org.omnilisp.fibers,
      org.omnilisp.http,
      org.omnilisp.cluster;
  exports org.omnilisp.interp to
      org.omnilisp.threads,
      org.omnilisp.io,
      org.omnilisp.fibers,
      org.omnilisp.http,
      org.omnilisp.cluster;
  exports org.omnilisp.builtins to
      org.omnilisp.io,
      org.omnilisp.fibers,
      org.omnilisp.http;
  exports org.omnilisp.ports to
      org.omnilisp.io,
      org.omnilisp.fibers;
  exports org.omnilisp.reader to
      org.omnilisp.fibers;
}
