package org.omnilisp.runner;

import picocli.CommandLine.IVersionProvider;

/** {@code omni --version}: the version recorded in the jar manifest by the build. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"omni (OmniLisp for the JVM) " + (v != null ? v : "development build")};
  }
}
