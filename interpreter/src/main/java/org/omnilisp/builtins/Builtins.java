package org.omnilisp.builtins;

import org.omnilisp.machine.Interpreter;
import org.omnilisp.machine.MachinePrimitive;
import org.omnilisp.machine.Primitive;

/**
 * Installs the core library of LANGUAGE.md §4 and the coroutine primitives, group by group. Each
 * group is deferred: installed when one of its names is first used (see {@link Interpreter#defer}),
 * using the names the build listed for it ({@link BuiltinIndex}); without that list (a build that
 * skipped the step) every group is installed at once.
 */
public final class Builtins {
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

  private final Interpreter interp;

  private Builtins(Interpreter interp) {
    this.interp = interp;
  }

  public static void install(Interpreter interp) {
    java.util.Map<String, java.util.List<String>> index = BuiltinIndex.read();
    Installer installer = new Installer();
    for (String group : GROUPS) {
      java.util.List<String> names = index == null ? null : index.get(group);
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
    Builtins b = new Builtins(interp);
    switch (group) {
      case "numbers" -> NumberPrimitives.install(b);
      case "lists" -> ListPrimitives.install(b);
      case "higher-order" -> HigherOrderPrimitives.install(b);
      case "strings" -> StringPrimitives.install(b);
      case "collections" -> CollectionPrimitives.install(b);
      case "predicates" -> PredicatePrimitives.install(b);
      case "ports" -> org.omnilisp.ports.PortPrimitives.install(interp);
      case "errors" -> ErrorPrimitives.install(b);
      case "coroutines" -> CoroutinePrimitives.install(b);
      case "chars" -> CharPrimitives.install(b);
      case "string-compare" -> StringComparePrimitives.install(b);
      case "string-extras" -> StringExtras.install(b);
      case "sequence-map" -> SequenceMapPrimitives.install(b);
      case "vectors" -> VectorPrimitives.install(b);
      case "bytevectors" -> BytevectorPrimitives.install(b);
      case "list-search" -> ListSearchPrimitives.install(b);
      case "cxr" -> CxrPrimitives.install(b);
      case "sort" -> SortPrimitives.install(b);
      case "json" -> JsonPrimitives.install(b);
      case "control" -> {
        ControlPrimitives.install(b);
        ControlPrimitives.loadSyntax(interp);
      }
      default -> throw new IllegalArgumentException("no built-in group named " + group);
    }
  }

  /** One installer for every group (no lambda per group to link at start-up). */
  private static final class Installer implements Interpreter.GroupInstaller {
    @Override
    public void install(Interpreter interp, String group) {
      installGroup(interp, group);
    }
  }

  void add(Primitive p) {
    interp.define(p.name(), p);
  }

  void add(MachinePrimitive p) {
    interp.define(p.name(), p);
  }

  void def0(String name, Primitive.Fn0 f) {
    add(Primitive.of0(name, f));
  }

  void def1(String name, Primitive.Fn1 f) {
    add(Primitive.of1(name, f));
  }

  void def2(String name, Primitive.Fn2 f) {
    add(Primitive.of2(name, f));
  }

  void def3(String name, Primitive.Fn3 f) {
    add(Primitive.of3(name, f));
  }

  void defN(String name, int min, int max, Primitive.FnN f) {
    add(Primitive.ofN(name, min, max, f));
  }

  void machine(String name, int min, int max, MachinePrimitive.Body body) {
    add(new MachinePrimitive(name, min, max, body));
  }
}
