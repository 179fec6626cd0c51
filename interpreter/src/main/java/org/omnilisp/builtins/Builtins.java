package org.omnilisp.builtins;

import org.omnilisp.machine.Context;
import org.omnilisp.machine.MachinePrimitive;
import org.omnilisp.machine.Primitive;

/**
 * Installs the core library of LANGUAGE.md §4 and the coroutine primitives, one group at a time.
 * The interpreter defers each group until one of its names is first used ({@code
 * org.omnilisp.interp.BuiltinGroups}).
 */
public final class Builtins {
  private final Context interp;

  private Builtins(Context interp) {
    this.interp = interp;
  }

  /**
   * Makes the definitions of one of this package's groups. The interpreter lists every group and
   * installs each when one of its names is first used ({@code org.omnilisp.interp.BuiltinGroups}).
   */
  public static void installGroup(Context interp, String group) {
    Builtins b = new Builtins(interp);
    switch (group) {
      case "numbers" -> NumberPrimitives.install(b);
      case "lists" -> ListPrimitives.install(b);
      case "higher-order" -> HigherOrderPrimitives.install(b);
      case "strings" -> StringPrimitives.install(b);
      case "collections" -> CollectionPrimitives.install(b);
      case "predicates" -> PredicatePrimitives.install(b);
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
