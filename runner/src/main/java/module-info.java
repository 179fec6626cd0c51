/**
 * The {@code omni} command line ({@code org.omnilisp.runner.Main}). It uses the embedding API and
 * names the add-on modules it ships with; it exports nothing.
 */
module org.omnilisp.runner {
  requires org.omnilisp.fibers;
  requires org.omnilisp.http;
  requires org.omnilisp.cluster;
  requires org.apache.commons.cli;
  requires org.jline.reader;
  requires org.jline.terminal;
  requires typesafe.config;
}
