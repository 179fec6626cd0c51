/**
 * {@code thread}, {@code atomic} and {@code mutex} over {@code java.util.concurrent}. Internal: the
 * fiber runtime installs its primitives (qualified export).
 */
module org.omnilisp.threads {
  requires org.omnilisp.interpreter;

  exports org.omnilisp.threads to
      org.omnilisp.fibers;
}
