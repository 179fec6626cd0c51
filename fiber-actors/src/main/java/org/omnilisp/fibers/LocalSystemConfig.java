package org.omnilisp.fibers;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.BootstrapSetup;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The configuration of the actor system a runtime starts for itself, when that system is local
 * ({@code pekko.actor.provider = local}, the default): what a fiber program pays before its first
 * fiber runs.
 *
 * <p>With the cluster and HTTP modules on the class path, Pekko's start grew by ~0.45 s of CPU
 * (skynet and mutex were 16% slower than before those modules): reading 247 KB of reference.conf
 * files instead of 72 KB (the parse was most of the main thread's extra time; the JIT compiling the
 * parser the rest), and starting things a local system never uses. Pekko makes every serializer
 * named in {@code pekko.actor.serializers} and loads every class bound in {@code
 * serialization-bindings} when it starts (remote, cluster, distributed-data, cluster-tools and
 * stream serializers: 420 classes), and starts every library extension (the stream materializer).
 *
 * <p>So for a local system: the reference.conf files of the remote and cluster jars are not read
 * ({@link #load}); the serializers of remote, cluster and streams go (a local system never
 * serializes a message, unless {@code serialize-messages} is on, which keeps everything); the
 * stream materializer and the serialization extension (which makes every serializer left: ~10% of
 * the runtime's start) are made when something first asks for them (an extension is made on first
 * use). A cluster node ({@code provider = cluster}) and an application's own actor system keep all.
 */
final class LocalSystemConfig {
  private static final String PROVIDER = "pekko.actor.provider";

  /** Jars whose reference.conf only a remote or cluster system reads (by file name). */
  private static final List<String> REMOTE_JARS =
      List.of(
          "/pekko-remote_", "/pekko-cluster", "/pekko-distributed-data_", "/pekko-coordination_");

  /** The class path's reference.conf files without the remote jars' (read once). */
  private static final class LocalReference {
    static final Config CONFIG =
        ReferenceCache.load(new WithoutRemote(LocalSystemConfig.class.getClassLoader()));
  }

  private LocalSystemConfig() {}

  /**
   * The runtime's whole configuration: {@code overrides} (null: none) over system properties,
   * application.conf and the reference.conf files, as {@code
   * user.withFallback(ConfigFactory.load())}, but without the remote jars' reference.conf when the
   * system will be local.
   */
  static Config load(Config overrides) {
    Config user = overrides == null ? ConfigFactory.empty() : overrides;
    if (Thread.currentThread().getContextClassLoader()
        == LocalSystemConfig.class.getClassLoader()) {
      Config app =
          user.withFallback(ConfigFactory.defaultOverrides())
              .withFallback(ConfigFactory.defaultApplication());
      if (isLocal(app)) {
        return app.withFallback(LocalReference.CONFIG).resolve();
      }
    }
    return user.withFallback(ConfigFactory.load());
  }

  /** Whether {@code app} (no reference.conf yet) leaves the provider at its default, local. */
  private static boolean isLocal(Config app) {
    try {
      Config probe = app.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true));
      return !probe.hasPathOrNull(PROVIDER)
          || (probe.getValue(PROVIDER).unwrapped() instanceof String p && p.equals("local"));
    } catch (ConfigException e) {
      return false; // a provider this cannot read: the whole configuration decides, as before
    }
  }

  /**
   * Starts the runtime's own actor system on {@code config}, the whole configuration (every
   * reference.conf it needs already merged in). A local system gets {@link #of}'s configuration and
   * a class loader that shows Pekko no reference.conf, since Pekko merges the class path's
   * reference.conf files under the given configuration (which would bring back what was taken out);
   * the loader finds every class as its parent does.
   */
  static ActorSystem<Void> start(Config config, String name) {
    if (!config.hasPath(PROVIDER) || !config.getString(PROVIDER).equals("local")) {
      return ActorSystem.create(Behaviors.empty(), name, config);
    }
    Config local = of(config);
    ClassLoader parent = Thread.currentThread().getContextClassLoader();
    if (parent == null) {
      parent = LocalSystemConfig.class.getClassLoader();
    }
    return ActorSystem.create(
        Behaviors.empty(),
        name,
        BootstrapSetup.create().withClassloader(new NoReference(parent)).withConfig(local));
  }

  /**
   * Its parent, without reference.conf (nor reference.json, reference.properties) and without the
   * jars' manifests: Pekko's start reads every manifest on the class path (its {@code ManifestInfo}
   * extension, which only warns when Pekko's modules have different versions: a build concern, and
   * Maven's dependency management keeps them equal), about a fifth of the actor system's start on
   * the class path of the runner (docs/performance.md, session 7: channels).
   */
  static final class NoReference extends ClassLoader {
    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    NoReference(ClassLoader parent) {
      super(parent);
    }

    private static boolean hidden(String name) {
      return name.startsWith("reference.") || name.equals(MANIFEST);
    }

    @Override
    public URL getResource(String name) {
      return hidden(name) ? null : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return hidden(name) ? Collections.emptyEnumeration() : super.getResources(name);
    }
  }

  /** Its parent, without the remote and cluster jars' reference.conf. */
  static final class WithoutRemote extends ClassLoader {
    WithoutRemote(ClassLoader parent) {
      super(parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      Enumeration<URL> all = super.getResources(name);
      if (!name.startsWith("reference.")) {
        return all;
      }
      List<URL> kept = new ArrayList<>();
      while (all.hasMoreElements()) {
        URL u = all.nextElement();
        if (!fromRemoteJar(u)) {
          kept.add(u);
        }
      }
      return Collections.enumeration(kept);
    }
  }

  static boolean fromRemoteJar(URL u) {
    String s = u.toString();
    for (String jar : REMOTE_JARS) {
      if (s.contains(jar)) {
        return true;
      }
    }
    return false;
  }

  /** Packages of serializers that only a remote system uses. */
  private static final List<String> REMOTE_ONLY =
      List.of("org.apache.pekko.remote.", "org.apache.pekko.cluster.", "org.apache.pekko.stream.");

  /** Library extensions started on first use instead of at start. */
  private static final Set<String> ON_FIRST_USE =
      Set.of(
          "org.apache.pekko.stream.SystemMaterializer$",
          "org.apache.pekko.serialization.SerializationExtension$");

  private static final List<String> BINDINGS =
      List.of(
          "pekko.actor.serialization-bindings", "pekko.actor.additional-serialization-bindings");

  /** {@code config} without what a local system does not need at start; itself otherwise. */
  static Config of(Config config) {
    if (!config.hasPath(PROVIDER)
        || !config.getString(PROVIDER).equals("local")
        || config.getBoolean("pekko.actor.serialize-messages")
        || !config.hasPath("pekko.actor.serializers")) {
      return config;
    }
    ConfigObject serializers = config.getObject("pekko.actor.serializers");
    Set<String> dropped = new HashSet<>();
    for (Map.Entry<String, ConfigValue> e : serializers.entrySet()) {
      if (e.getValue().unwrapped() instanceof String cls && remoteOnly(cls)) {
        dropped.add(e.getKey());
      }
    }
    Config out = config;
    if (!dropped.isEmpty()) {
      for (String alias : dropped) {
        serializers = serializers.withoutKey(alias);
      }
      out = out.withValue("pekko.actor.serializers", serializers);
      for (String path : BINDINGS) {
        if (config.hasPath(path)) {
          ConfigObject bindings = config.getObject(path);
          for (Map.Entry<String, ConfigValue> e : bindings.entrySet()) {
            if (dropped.contains(String.valueOf(e.getValue().unwrapped()))) {
              bindings = bindings.withoutKey(e.getKey());
            }
          }
          out = out.withValue(path, bindings);
        }
      }
    }
    if (config.hasPath("pekko.library-extensions")) {
      List<String> extensions = new ArrayList<>(config.getStringList("pekko.library-extensions"));
      if (extensions.removeIf(ON_FIRST_USE::contains)) {
        out =
            out.withValue("pekko.library-extensions", ConfigValueFactory.fromIterable(extensions));
      }
    }
    return out;
  }

  private static boolean remoteOnly(String cls) {
    for (String p : REMOTE_ONLY) {
      if (cls.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
