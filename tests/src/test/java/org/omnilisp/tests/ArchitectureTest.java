package org.omnilisp.tests;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The package structure, checked on the compiled main classes of every module: no package cycle,
 * and each package uses only the packages of its allowed list (so {@code machine} stays the bottom
 * of the interpreter, and a module reaches another's internals only where the list says so). A new
 * dependency between packages means a deliberate edit of {@link #ALLOWED}.
 */
class ArchitectureTest {
  private static final String ROOT = "org.omnilisp.";

  /**
   * What each package (first segment under {@code org.omnilisp}) may use, besides itself: package
   * names under {@code org.omnilisp}, each allowing its subpackages too.
   */
  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          // interpreter module, bottom up
          Map.entry("lang", Set.of()),
          Map.entry("reader", Set.of("lang")),
          Map.entry("machine", Set.of("lang")),
          Map.entry("analyzer", Set.of("lang", "reader", "machine")),
          Map.entry("builtins", Set.of("lang", "machine")),
          Map.entry("ports", Set.of("lang", "reader", "machine", "builtins")),
          Map.entry("interp", Set.of("lang", "reader", "machine", "analyzer", "builtins", "ports")),
          // channels module (api and internal): depends on no other module
          Map.entry("channels", Set.of()),
          // runtime modules over the interpreter
          Map.entry("threads", Set.of("lang", "machine", "interp")),
          Map.entry("io", Set.of("lang", "machine", "ports", "builtins", "interp")),
          Map.entry(
              "fibers",
              Set.of(
                  "lang",
                  "reader",
                  "machine",
                  "builtins",
                  "ports",
                  "interp",
                  "channels.api",
                  "threads",
                  "io")),
          Map.entry("api", Set.of("lang", "reader", "machine", "interp", "fibers", "channels.api")),
          Map.entry("http", Set.of("lang", "machine", "builtins", "interp", "fibers")),
          Map.entry(
              "cluster",
              Set.of("lang", "machine", "interp", "fibers", "channels.api", "channels.internal")),
          // the launcher: the embedding API and the add-on modules' configuration
          Map.entry("runner", Set.of("api", "http", "cluster")));

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.omnilisp");

  @Test
  void everyModuleIsImported() {
    Set<String> seen = new TreeSet<>();
    for (JavaClass c : CLASSES) {
      seen.add(topPackage(c.getPackageName()));
    }
    assertTrue(seen.containsAll(ALLOWED.keySet()), () -> "imported packages: " + seen);
  }

  @Test
  void noPackageCycles() {
    slices().matching("org.omnilisp.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void packagesUseOnlyWhatTheirListAllows() {
    Set<String> illegal = new TreeSet<>();
    for (JavaClass c : CLASSES) {
      String from = c.getPackageName();
      String top = topPackage(from);
      Set<String> allowed = ALLOWED.get(top);
      if (allowed == null) {
        illegal.add(from + " is not in ArchitectureTest.ALLOWED");
        continue;
      }
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String to = d.getTargetClass().getBaseComponentType().getPackageName();
        if (!to.startsWith(ROOT) || topPackage(to).equals(top) || permitted(allowed, to)) {
          continue;
        }
        illegal.add(from + " -> " + to + " (" + d.getDescription() + ")");
      }
    }
    assertEquals(List.of(), List.copyOf(illegal), "dependencies outside ArchitectureTest.ALLOWED");
  }

  private static boolean permitted(Set<String> allowed, String pkg) {
    String rel = pkg.substring(ROOT.length());
    for (String a : allowed) {
      if (rel.equals(a) || rel.startsWith(a + ".")) {
        return true;
      }
    }
    return false;
  }

  private static String topPackage(String pkg) {
    if (!pkg.startsWith(ROOT)) {
      return pkg;
    }
    String rel = pkg.substring(ROOT.length());
    int dot = rel.indexOf('.');
    return dot < 0 ? rel : rel.substring(0, dot);
  }
}
