package org.omnilisp.fibers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URL;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.stream.SystemMaterializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The runtime's own local actor system starts without what only a remote system uses (see
 * LocalSystemConfig): remote-only serializers and their bindings, the stream materializer at start,
 * the remote jars' reference.conf; a cluster system keeps everything.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalSystemConfigTest {
  private static final String MATERIALIZER = "org.apache.pekko.stream.SystemMaterializer$";
  private static final String SERIALIZATION =
      "org.apache.pekko.serialization.SerializationExtension$";

  /** A serializer of a remote package whose class does not exist: starting it would fail. */
  private static Config withMissingRemoteSerializer(String provider) {
    return ConfigFactory.parseString(
            "pekko.actor.provider = "
                + provider
                + "\n"
                + "pekko.actor.serializers.ghost = \"org.apache.pekko.remote.NoSuchSerializer\"\n"
                + "pekko.actor.serialization-bindings { \"java.lang.Thread\" = ghost }\n")
        .withFallback(ConfigFactory.load());
  }

  @Test
  void aLocalSystemLeavesOutRemoteSerializersTheirBindingsAndTheMaterializerAtStart()
      throws Exception {
    Config config = withMissingRemoteSerializer("local");
    ActorSystem<Void> system = LocalSystemConfig.start(config, "local-test");
    try {
      Config used = system.settings().config();
      assertFalse(used.hasPath("pekko.actor.serializers.ghost"));
      assertFalse(
          used.getObject("pekko.actor.serialization-bindings").containsKey("java.lang.Thread"));
      assertFalse(used.hasPath("pekko.actor.serializers.pekko-stream-ref"));
      assertTrue(used.hasPath("pekko.actor.serializers.java"));
      assertFalse(used.getStringList("pekko.library-extensions").contains(MATERIALIZER));
      assertFalse(used.getStringList("pekko.library-extensions").contains(SERIALIZATION));
      // what stays works: local serializers, and the materializer made on first use
      assertEquals(
          "org.apache.pekko.serialization.StringSerializer",
          SerializationExtension.get(system).serializerFor(String.class).getClass().getName());
      assertNotNull(SystemMaterializer.get(system).materializer());
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
    }
  }

  @Test
  void aClusterConfigurationIsLeftWhole() {
    Config config = withMissingRemoteSerializer("cluster");
    assertSame(config, LocalSystemConfig.of(config));
    Config serializing =
        ConfigFactory.parseString("pekko.actor.serialize-messages = on")
            .withFallback(withMissingRemoteSerializer("local"));
    assertSame(serializing, LocalSystemConfig.of(serializing));
  }

  @Test
  void theLocalConfigurationHasTheRuntimeAndPekkoSettingsAndTheUsersOverThem() {
    Config user = ConfigFactory.parseString("omni.fiber.slice-steps = 77");
    Config loaded = LocalSystemConfig.load(user);
    assertEquals(77, loaded.getLong("omni.fiber.slice-steps"));
    assertEquals(Duration.ofMillis(100), loaded.getDuration("omni.fiber.deadlock-check-interval"));
    assertEquals("local", loaded.getString("pekko.actor.provider"));
    assertTrue(loaded.hasPath("pekko.stream.materializer"));
  }

  @Test
  void theRemoteAndClusterJarsAreKnownByName() throws Exception {
    String m2 = "jar:file:/r/.m2/repository/org/apache/pekko/";
    assertTrue(
        LocalSystemConfig.fromRemoteJar(
            new URL(m2 + "pekko-remote_2.13/1.7.0/pekko-remote_2.13-1.7.0.jar!/reference.conf")));
    assertTrue(
        LocalSystemConfig.fromRemoteJar(
            new URL(m2 + "pekko-cluster-tools_2.13/1.7.0/pekko-cluster-tools_2.13-1.7.0.jar!/r")));
    assertFalse(
        LocalSystemConfig.fromRemoteJar(
            new URL(m2 + "pekko-stream_2.13/1.7.0/pekko-stream_2.13-1.7.0.jar!/reference.conf")));
    assertFalse(
        LocalSystemConfig.fromRemoteJar(
            new URL(m2 + "pekko-actor_2.13/1.7.0/pekko-actor_2.13-1.7.0.jar!/reference.conf")));
  }
}
