package org.omnilisp.builtins;

import org.omnilisp.machine.Context;
import org.omnilisp.machine.MachinePrimitive;
import org.omnilisp.machine.Primitive;

/** Installs the core library of LANGUAGE.md §4 and the coroutine primitives, group by group. */
public final class Builtins {
  private final Context interp;

  private Builtins(Context interp) {
    this.interp = interp;
  }

  public static void install(Context interp) {
    Builtins b = new Builtins(interp);
    NumberPrimitives.install(b);
    ListPrimitives.install(b);
    HigherOrderPrimitives.install(b);
    StringPrimitives.install(b);
    CollectionPrimitives.install(b);
    PredicatePrimitives.install(b);
    ErrorPrimitives.install(b);
    CoroutinePrimitives.install(b);
    CharPrimitives.install(b);
    StringComparePrimitives.install(b);
    StringExtras.install(b);
    SequenceMapPrimitives.install(b);
    VectorPrimitives.install(b);
    BytevectorPrimitives.install(b);
    ListSearchPrimitives.install(b);
    CxrPrimitives.install(b);
    SortPrimitives.install(b);
    JsonPrimitives.install(b);
    ControlPrimitives.install(b);
    ControlPrimitives.loadSyntax(interp);
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
