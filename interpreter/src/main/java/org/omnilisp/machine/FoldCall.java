package org.omnilisp.machine;

/**
 * {@code (+ a b c)}, {@code (- a b c)} and {@code (* a b c)} of three simple operands (mbrot's
 * {@code (* 2.0 zr zi)}): folded from the left in place, on fixnums ({@link Fixnum2}) or floats
 * ({@link Flonum2}), as the primitive folds them (a sum from 0, a product from 1, a difference from
 * its first operand). {@link PrimCall} would make an argument array and go through the variadic
 * primitive, which checks each operand's type twice. Any other case (a ratio, a big integer, an
 * overflow, not a number, the global redefined) goes to the general call on the values already
 * computed.
 */
final class FoldCall extends InPlaceCall {
  private final int op;
  private final Operand a;
  private final Operand b;
  private final Operand c;

  private FoldCall(PrimCall general, int op, Node a, Node b, Node c) {
    super(general);
    this.op = op;
    this.a = Operand.ofSimple(a);
    this.b = Operand.ofSimple(b);
    this.c = Operand.ofSimple(c);
  }

  /** The node for {@code general}, or null if it is not such a call. */
  static FoldCall of(PrimCall general, Node[] args) {
    int op = general.prim().fixnum2();
    if (args.length != 3 || !(op == Fixnum2.ADD || op == Fixnum2.SUB || op == Fixnum2.MUL)) {
      return null;
    }
    return new FoldCall(general, op, args[0], args[1], args[2]);
  }

  @Override
  public Object eval(Machine m, Object[] env) {
    Object x = a.read(m, env);
    Object y = b.read(m, env);
    Object z = c.read(m, env);
    if (builtin()) {
      Object acc = op == Fixnum2.ADD ? step(0L, x) : x;
      if (acc != null && (acc instanceof Long || acc instanceof Double)) {
        acc = step(acc, y);
        if (acc != null) {
          acc = step(acc, z);
          if (acc != null) {
            return acc;
          }
        }
      }
    }
    return general.applyValues(m, x, y, z);
  }

  /** One step of the fold in place, or null if it is not a fixnum or float case. */
  private Object step(Object p, Object q) {
    return p instanceof Long i && q instanceof Long j
        ? Fixnum2.apply(op, i, j)
        : Flonum2.apply(op, p, q);
  }
}
