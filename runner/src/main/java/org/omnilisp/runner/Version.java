package org.omnilisp.runner;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code omni --version}: the project version the build wrote into omni-version.properties. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/omni-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    }
    return new String[] {
      "omni (OmniLisp for the JVM) " + p.getProperty("version", "development build"),
      "Java " + System.getProperty("java.version")
    };
  }
}
