package org.omnilisp.cluster;

import java.util.Arrays;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.Member;
import org.omnilisp.fibers.LispChannel;
import org.omnilisp.interp.Interpreter;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Symbol;
import org.omnilisp.machine.Fiber;
import org.omnilisp.machine.Machine;
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
        "spawn-at", new MachinePrimitive("spawn-at", 2, -1, (m, a) -> spawnAt(node, m, a)));
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

  /** {@code (spawn-at "HOST:PORT" 'name arg ...)}: parks until the far node started the fiber. */
  private static void spawnAt(ClusterNode node, Machine m, Object[] a) {
    if (!(a[0] instanceof String address)) {
      throw Errors.wrongType("spawn-at", "a node address string \"HOST:PORT\"", a[0]);
    }
    if (!(a[1] instanceof Symbol name)) {
      throw Errors.wrongType("spawn-at", "a symbol naming a global procedure", a[1]);
    }
    Object args = Wire.export("spawn-at", Pair.list(Arrays.copyOfRange(a, 2, a.length)), node);
    Member member = node.member(address);
    if (member == null) {
      throw Errors.error(
          "spawn-at: "
              + address
              + " is not a member of the cluster (members: "
              + String.join(" ", node.members())
              + ")");
    }
    Fiber fiber = node.runtime().interpreter().newFiber(null);
    ActorRef<Messages.FiberEvent> events = node.remoteFibers();
    RemoteFiber remote =
        new RemoteFiber(fiber.id(), fiber, node.spawnerOf(member), address, events);
    m.park(
        new SpawnAtOp(
            remote, new Messages.SpawnRequest(fiber.id(), name.name(), args, events), events));
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
