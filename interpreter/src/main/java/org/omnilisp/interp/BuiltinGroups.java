package org.omnilisp.interp;

import java.util.List;
import java.util.Map;
import org.omnilisp.builtins.Builtins;
import org.omnilisp.ports.PortPrimitives;

/**
 * The groups of built-in definitions and how each is installed. Each group is deferred: installed
 * when one of its names is first used (see {@link Interpreter#defer}), using the names the build
 * listed for it ({@link BuiltinIndex}); without that list (a build that skipped the step) every
 * group is installed at once.
 */
final class BuiltinGroups {
  /** The groups, in the order in which installing them all at once defines them. */
  static final String[] GROUPS = {
    "numbers",
    "lists",
    "higher-order",
    "strings",
    "collections",
    "predicates",
    "ports",
    "errors",
    "coroutines",
    "chars",
    "string-compare",
    "string-extras",
    "sequence-map",
    "vectors",
    "bytevectors",
    "list-search",
    "cxr",
    "sort",
    "json",
    "control"
  };

  private BuiltinGroups() {}

  static void install(Interpreter interp) {
    Map<String, List<String>> index = BuiltinIndex.read();
    Installer installer = new Installer();
    for (String group : GROUPS) {
      List<String> names = index == null ? null : index.get(group);
      if (names == null) {
        installGroup(interp, group);
      } else {
        interp.defer(group, names, installer);
      }
    }
    if (Boolean.getBoolean("omni.eager-builtins")) {
      // every group now (the launcher's class-data-sharing training run: the archive then holds
      // every group's classes); listing the globals installs them
      interp.boundGlobalNames();
    }
  }

  /** Makes the definitions of one group. */
  static void installGroup(Interpreter interp, String group) {
    if (group.equals("ports")) {
      PortPrimitives.install(interp);
    } else {
      Builtins.installGroup(interp, group);
    }
  }

  /** One installer for every group (no lambda per group to link at start-up). */
  private static final class Installer implements Interpreter.GroupInstaller {
    @Override
    public void install(Interpreter interp, String group) {
      installGroup(interp, group);
    }
  }
}
