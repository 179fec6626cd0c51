package org.omnilisp.machine;

/**
 * An operand that a superinstruction reads in place: a local variable or a constant. Reading it
 * costs a field test and an array load instead of a virtual call of {@link Node#eval} (in a tree of
 * many node kinds that call site is megamorphic: an indirect jump the CPU often mispredicts). Any
 * other simple node can be an operand too ({@link #ofSimple}): it is then evaluated by that call.
 */
final class Operand {
  private final Node node;
  private final Object constant;
  private final int depth;
  private final int index;

  private Operand(Node node, Object constant, int depth, int index) {
    this.node = node;
    this.constant = constant;
    this.depth = depth;
    this.index = index;
  }

  /** The operand for {@code n}, or null if it is neither a local variable nor a constant. */
  static Operand of(Node n) {
    if (n instanceof Constant c) {
      return new Operand(n, c.value, 0, 0);
    }
    if (n instanceof LocalRef l) {
      return new Operand(n, null, l.depth(), l.index());
    }
    return null;
  }

  /** The operand for a simple node {@code n}: in place when it can be, else through eval. */
  static Operand ofSimple(Node n) {
    Operand o = of(n);
    return o != null ? o : new Operand(n, null, -1, 0);
  }

  /** The constant, or null if the operand is read from a frame or evaluated. */
  Object constant() {
    return constant;
  }

  /** How many frames out the local variable is; -1 if the operand is evaluated by its node. */
  int depth() {
    return depth;
  }

  int index() {
    return index;
  }

  Node node() {
    return node;
  }

  Object read(Machine m, Object[] env) {
    if (constant != null) {
      return constant;
    }
    if (depth < 0) {
      return node.eval(m, env);
    }
    Object[] e = env;
    for (int d = depth; d > 0; d--) {
      e = (Object[]) e[0];
    }
    Object v = e[index];
    return v != null ? v : node.eval(m, env); // used before its definition: the node's error
  }
}
