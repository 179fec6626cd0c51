package org.omnilisp.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.File;
import org.junit.jupiter.api.Test;

/**
 * The library's defaults touch only its own keys: a host application's Pekko settings stay its own.
 */
class LibraryConfigTest {
  @Test
  void referenceConfSetsNoPekkoKey() {
    Config reference = ConfigFactory.parseFile(new File("src/main/resources/reference.conf"));
    assertTrue(reference.hasPath("omni.fiber.slice-steps"), "read the library's reference.conf");
    assertFalse(reference.hasPath("pekko"), "reference.conf sets pekko keys: " + reference.root());
  }
}
