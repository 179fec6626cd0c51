/**
 * The example as a Java module: the embedding API is the module {@code org.omnilisp.fibers}, which
 * exports {@code org.omnilisp.api} and brings Pekko's typed actors and Streams with it.
 */
module org.omnilisp.examples.shop {
  requires org.omnilisp.fibers;
  requires org.slf4j; // the example starts SLF4J itself (ShopApp.main)
}
