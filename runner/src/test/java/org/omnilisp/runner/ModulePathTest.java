package org.omnilisp.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The module descriptors hold at run time: the runner started as a module ({@code java -p ... -m
 * org.omnilisp.runner/...}) spawns fibers on the Pekko dispatcher (made by reflection: {@code
 * opens} to Pekko), loads its add-on modules by name (qualified exports to {@code
 * org.omnilisp.fibers}) and serves and fetches HTTP. As Maven's compiler and surefire do, the
 * module path holds the modules the runner requires, directly or not; the other jars stay on the
 * class path (among them {@code pekko-parsing}, whose package {@code org.apache.pekko.http.ccompat}
 * is split with {@code pekko-http-core}).
 */
@Timeout(120)
class ModulePathTest {
  private static final String ROOT = "org.omnilisp.runner";

  @Test
  void theRunnerRunsAsAModule() throws Exception {
    Map<String, Path> byName = new HashMap<>();
    List<String> classPath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      boolean module =
          Files.isDirectory(p) ? Files.exists(p.resolve("module-info.class")) : isModule(p);
      if (module) {
        ModuleReference ref = ModuleFinder.of(p).findAll().iterator().next();
        byName.put(ref.descriptor().name(), p);
      } else if (!Files.isDirectory(p) || !p.endsWith("test-classes")) {
        classPath.add(entry);
      }
    }
    Set<String> required = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(ROOT));
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (!byName.containsKey(name) || !required.add(name)) {
        continue; // a system module, or seen
      }
      ModuleDescriptor d = ModuleFinder.of(byName.get(name)).find(name).orElseThrow().descriptor();
      d.requires().forEach(r -> todo.push(r.name()));
    }
    List<String> modulePath = new ArrayList<>();
    byName.forEach(
        (name, path) -> (required.contains(name) ? modulePath : classPath).add(path.toString()));
    assertTrue(required.contains("org.omnilisp.fibers"), "module path: " + required);

    String script =
        "(define c (chan))"
            + "(spawn (fiber (send c 42)))"
            + "(define s (http-serve 0 (lambda (req) (str \"got \" (dict-ref req 'path)))))"
            + "(display (list (recv c) (dict-ref (http-get (str \"http://127.0.0.1:\""
            + " (http-server-port s) \"/x\")) 'body)))"
            + "(http-stop s)";
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path",
                String.join(File.pathSeparator, modulePath),
                "-cp",
                String.join(File.pathSeparator, classPath),
                "-m",
                ROOT + "/org.omnilisp.runner.Main",
                "-e",
                script)
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "omni did not end");
    assertEquals("(42 got /x)", out.strip(), out);
    assertEquals(0, p.exitValue(), out);
  }

  /** A jar with a module descriptor or an Automatic-Module-Name (a name the finder can give). */
  private static boolean isModule(Path jar) {
    try {
      return ModuleFinder.of(jar).findAll().size() == 1;
    } catch (RuntimeException e) {
      return false; // no name can be derived: class path only
    }
  }
}
