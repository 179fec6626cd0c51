package org.omnilisp.fibers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's cache of the reference configuration gives what {@code defaultReference} gives, is
 * used only when made from the same reference files, and is left alone when a system property may
 * feed a substitution; the local system's loader hides the jars' manifests.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReferenceCacheTest {
  private final ClassLoader loader =
      new LocalSystemConfig.WithoutRemote(ReferenceCacheTest.class.getClassLoader());

  @Test
  void theCachedReferenceIsTheDefaultReference(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("reference.ser");
    Config expected = ConfigFactory.defaultReference(loader);
    Config made = ReferenceCache.load(loader, file); // parses and writes the cache
    assertTrue(Files.isRegularFile(file));
    Config read = ReferenceCache.load(loader, file); // reads it
    assertEquals(expected.root().unwrapped(), made.root().unwrapped());
    assertEquals(expected.root().unwrapped(), read.root().unwrapped());
    for (String path :
        new String[] {
          "omni.fiber-dispatcher.executor", // a string
          "omni.fiber-dispatcher.fork-join-executor.parallelism-factor", // a double
          "pekko.actor.default-dispatcher.throughput", // an int
          "pekko.scheduler.tick-duration", // a duration
        }) {
      assertEquals(expected.getValue(path).valueType(), read.getValue(path).valueType(), path);
      assertEquals(expected.getString(path), read.getString(path), path);
    }
    assertEquals(
        expected.getDouble("omni.fiber-dispatcher.fork-join-executor.parallelism-factor"),
        read.getDouble("omni.fiber-dispatcher.fork-join-executor.parallelism-factor"));
  }

  @Test
  void aCacheIsUsedOnlyWhenMadeFromTheSameReferenceFiles(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("reference.ser");
    Config marked = ConfigFactory.parseString("omni.cache-marker = 1");
    ReferenceCache.write(file, ReferenceCache.key(loader), marked);
    assertTrue(ReferenceCache.load(loader, file).hasPath("omni.cache-marker"));

    ReferenceCache.write(file, ReferenceCache.key(loader) + " another.jar", marked);
    Config remade = ReferenceCache.load(loader, file);
    assertFalse(remade.hasPath("omni.cache-marker"));
    assertTrue(remade.hasPath("pekko.actor.default-dispatcher"));
    assertTrue(ReferenceCache.read(file, ReferenceCache.key(loader)).hasPath("pekko.actor"));
  }

  @Test
  void aCacheCutShortIsMadeAgain(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("reference.ser");
    ReferenceCache.load(loader, file);
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2)); // a run killed mid-write
    Config got = ReferenceCache.load(loader, file);
    assertEquals(ConfigFactory.defaultReference(loader).root().unwrapped(), got.root().unwrapped());
    assertEquals(whole.length, Files.size(file)); // written again, whole
    assertTrue(ReferenceCache.read(file, ReferenceCache.key(loader)).hasPath("pekko.actor"));
  }

  @Test
  void anUnwritableCacheStillGivesTheReference(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("no-such-directory").resolve("reference.ser");
    Config got = ReferenceCache.load(loader, file);
    assertEquals(ConfigFactory.defaultReference(loader).root().unwrapped(), got.root().unwrapped());
    assertFalse(Files.exists(file));
  }

  @Test
  void theKeyNamesEachReferenceFileWithItsJarsSizeAndTime() throws Exception {
    String key = ReferenceCache.key(loader);
    assertTrue(key.contains("pekko-actor_"), key);
    assertTrue(key.matches("(?s).*reference\\.conf\\|\\d+\\|\\d+.*"), key);
    assertNotEquals(key, ReferenceCache.key(new LocalSystemConfig.NoReference(loader)));
  }

  @Test
  void aSystemPropertyUnderAReferenceKeyButOmniBypassesTheCache() {
    Config reference = ConfigFactory.parseString("pekko.loglevel = INFO\nomni.a = 1\nssl.b = 2");
    assertTrue(ReferenceCache.overlaps(ConfigFactory.parseString("pekko.x = 1"), reference));
    assertTrue(ReferenceCache.overlaps(ConfigFactory.parseString("ssl.b = 3"), reference));
    assertFalse(ReferenceCache.overlaps(ConfigFactory.parseString("omni.a = 2"), reference));
    assertFalse(ReferenceCache.overlaps(ConfigFactory.parseString("java.version = 17"), reference));
  }

  @Test
  void theLocalSystemsLoaderHidesManifestsAndReferenceFiles() throws Exception {
    ClassLoader parent = ReferenceCacheTest.class.getClassLoader();
    ClassLoader hiding = new LocalSystemConfig.NoReference(parent);
    assertTrue(parent.getResources("META-INF/MANIFEST.MF").hasMoreElements());
    assertFalse(hiding.getResources("META-INF/MANIFEST.MF").hasMoreElements());
    assertFalse(hiding.getResources("reference.conf").hasMoreElements());
    assertEquals(null, hiding.getResource("META-INF/MANIFEST.MF"));
    assertEquals(
        parent.loadClass("org.apache.pekko.actor.ActorSystem"),
        hiding.loadClass("org.apache.pekko.actor.ActorSystem"));
  }
}
