package org.omnilisp.fibers;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference configuration of a local actor system ({@code ConfigFactory.defaultReference} of
 * the class path's reference.conf files), kept between runs in the file the system property {@value
 * #PROPERTY} names (the launcher sets it; without it nothing is cached).
 *
 * <p>Parsing the reference.conf files (about 130 KB of HOCON, mostly comments) was the largest part
 * of a fiber program's start after the JVM's own: the parser runs cold, in the bytecode interpreter
 * (rendered as compact JSON, 21 KB, the parse still cost most of that). The file holds the
 * configuration resolved and Java-serialized (Typesafe Config's own compact form; one origin, the
 * file, for all values, so an error about a setting names the cache, not the reference.conf),
 * behind a key that names every reference.conf it was made from with the size and time of the file
 * (a jar) that holds it: any change, and the cache is made again. The result is the one {@code
 * defaultReference} gives (system properties over the reference files, resolved) as long as no
 * system property sets a path under one of the reference's top-level keys other than {@code omni}
 * ({@code -Dpekko...}): such a property may feed a substitution inside the reference files, so the
 * cache is not used then ({@code omni}'s own reference files have no substitutions, and the
 * launcher sets {@code -Domni...} properties).
 */
final class ReferenceCache {
  /** The system property naming the cache file. */
  static final String PROPERTY = "omni.reference-cache";

  private static final String RESOURCE = "reference.conf";

  /** The top-level key of omni's own settings (no substitution in its reference files). */
  private static final String OWN = "omni";

  private ReferenceCache() {}

  /** The reference configuration of {@code loader}'s reference.conf files, resolved. */
  static Config load(ClassLoader loader) {
    String file = System.getProperty(PROPERTY);
    if (file == null || file.isEmpty()) {
      return ConfigFactory.defaultReference(loader);
    }
    try {
      return load(loader, Path.of(file));
    } catch (IOException | RuntimeException e) {
      return ConfigFactory.defaultReference(loader); // no cache: as without the property
    }
  }

  /** As {@link #load(ClassLoader)}, with the cache in {@code path}. */
  static Config load(ClassLoader loader, Path path) throws IOException {
    String key = key(loader);
    Config reference = read(path, key);
    if (reference == null) {
      reference = ConfigFactory.parseResources(loader, RESOURCE).resolve();
      try {
        write(path, key, reference);
      } catch (IOException e) {
        // not writable (a read-only installation): every run parses, as without the cache
      }
    }
    Config system = ConfigFactory.systemProperties();
    if (overlaps(system, reference)) {
      return ConfigFactory.defaultReference(loader);
    }
    return system.withFallback(reference).resolve();
  }

  /** The reference files {@code loader} shows, each with its holder's size and time. */
  static String key(ClassLoader loader) throws IOException {
    StringBuilder key = new StringBuilder("omni-reference-cache 1");
    for (Enumeration<URL> all = loader.getResources(RESOURCE); all.hasMoreElements(); ) {
      URL u = all.nextElement();
      Path holder = holder(u);
      key.append(' ').append(u);
      if (holder != null) {
        key.append('|').append(Files.size(holder));
        key.append('|').append(Files.getLastModifiedTime(holder).toMillis());
      }
    }
    return key.toString();
  }

  /** The file holding {@code u}: the jar, or the file itself; null if neither. */
  private static Path holder(URL u) {
    String s = u.toString();
    int bang = s.indexOf("!/");
    try {
      if (s.startsWith("jar:file:") && bang > 0) {
        return Path.of(new URI(s.substring("jar:".length(), bang)));
      }
      return s.startsWith("file:") ? Path.of(u.toURI()) : null;
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The cached configuration if the file was made from the reference files {@code key} names. */
  static Config read(Path path, String key) throws IOException {
    if (!Files.isRegularFile(path)) {
      return null;
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16))) {
      in.setObjectInputFilter(ONLY_CONFIG);
      if (!key.equals(in.readUTF())) {
        return null;
      }
      return (Config) in.readObject();
    } catch (IOException | ClassNotFoundException | ClassCastException e) {
      return null; // unreadable, cut short or not ours: made again, as when a jar changes
    }
  }

  /** What the cache file may hold: Typesafe Config's values and the JDK's own classes. */
  private static final ObjectInputFilter ONLY_CONFIG =
      ObjectInputFilter.Config.createFilter("com.typesafe.config.**;java.**;!*");

  /** Writes the cache whole or not at all (a temporary file moved into place). */
  static void write(Path path, String key, Config reference) throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
    try {
      try (ObjectOutputStream out =
          new ObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
        out.writeUTF(key);
        out.writeObject(withoutOrigins(reference, path));
      }
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * The same values with one origin, the cache file: reading each value's own origin (the
   * reference.conf and line it came from) was more than half of reading the cache.
   */
  static Config withoutOrigins(Config reference, Path path) {
    String where = "cache " + path;
    return ((ConfigObject) oneOrigin(reference.root(), ConfigOriginFactory.newSimple(where), where))
        .toConfig();
  }

  /**
   * {@code v} with {@code origin}, and its elements too (each value kept as it is: its type, text).
   */
  private static ConfigValue oneOrigin(ConfigValue v, ConfigOrigin origin, String where) {
    if (v instanceof ConfigObject o) {
      Map<String, ConfigValue> m = new HashMap<>();
      for (Map.Entry<String, ConfigValue> e : o.entrySet()) {
        m.put(e.getKey(), oneOrigin(e.getValue(), origin, where));
      }
      return ConfigValueFactory.fromMap(m, where).withOrigin(origin);
    }
    if (v instanceof ConfigList l) {
      List<ConfigValue> xs = new ArrayList<>();
      for (ConfigValue x : l) {
        xs.add(oneOrigin(x, origin, where));
      }
      return ConfigValueFactory.fromIterable(xs, where).withOrigin(origin);
    }
    return v.withOrigin(origin);
  }

  /** Whether a system property sets a path under a top-level key of the reference but omni. */
  static boolean overlaps(Config system, Config reference) {
    Set<String> roots = reference.root().keySet();
    for (String k : system.root().keySet()) {
      if (roots.contains(k) && !k.equals(OWN)) {
        return true;
      }
    }
    return false;
  }
}
