package org.omnilisp.cluster;

import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.omnilisp.fibers.LispChannel;
import org.omnilisp.interp.Interpreter;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Pair;
import org.omnilisp.machine.MachinePrimitive;
import org.omnilisp.machine.Primitive;

/** The cluster primitives (LANGUAGE.md §14). */
final class ClusterPrimitives {
  private ClusterPrimitives() {}

  static void install(ClusterNode node) {
    Interpreter interp = node.runtime().interpreter();
    interp.define("cluster-self", Primitive.of0("cluster-self", node::self));
    interp.define(
        "cluster-members",
        Primitive.of0("cluster-members", () -> Pair.list(node.members().toArray())));
    interp.define(
        "chan-publish", Primitive.of2("chan-publish", (name, ch) -> publish(node, name, ch)));
    interp.define(
        "chan-lookup",
        new MachinePrimitive(
            "chan-lookup",
            1,
            2,
            (m, a) -> {
              String name = name("chan-lookup", a[0]);
              long ms = -1;
              if (a.length == 2) {
                if (!(a[1] instanceof Long n) || n < 0) {
                  throw Errors.wrongType(
                      "chan-lookup", "a non-negative number of milliseconds", a[1]);
                }
                ms = n;
              }
              m.park(new LookupOp(node, name, ms));
            }));
  }

  private static String name(String op, Object x) {
    if (x instanceof String s) {
      return s;
    }
    throw Errors.wrongType(op, "a string name", x);
  }

  private static Object publish(ClusterNode node, Object name, Object ch) {
    String n = name("chan-publish", name);
    if (!(ch instanceof LispChannel c)) {
      throw Errors.wrongType("chan-publish", "a channel", ch);
    }
    if (!node.isLocal(c)) {
      throw Errors.error("chan-publish: " + c.printForm() + " belongs to another node");
    }
    var system = node.system("chan-publish");
    system.receptionist().tell(Receptionist.register(LookupOp.key(n), node.exporterOf(c)));
    return Nothing.NOTHING;
  }
}
