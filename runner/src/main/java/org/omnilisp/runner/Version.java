package org.omnilisp.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/** {@code omni --version}: the project version the build wrote into omni-version.properties. */
final class Version {
  private Version() {}

  static List<String> lines() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/omni-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.of(
        "omni (OmniLisp for the JVM) " + p.getProperty("version", "development build"),
        "Java " + System.getProperty("java.version"));
  }
}
