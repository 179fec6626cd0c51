package org.omnilisp.machine;

/**
 * The common part of the superinstructions for calls of one built-in primitive on simple operands
 * ({@link PairAccess}, {@link TypeTest}, {@link EqCall}, {@link ConsCall}, {@link VectorRef},
 * {@link VectorSet}, {@link FoldCall}): each computes the primitive's plain case in place, with the
 * operands read by {@link Operand} and no argument array. The global is read on every call (the
 * guard on redefinition): when it no longer holds the primitive, or the operands are not the plain
 * case, the {@link PrimCall} it was made from does the call on the values already computed (so the
 * operands are evaluated once, and errors are the primitive's own).
 */
abstract class InPlaceCall extends SimpleNode {
  final Global cell;
  final Primitive prim;
  final PrimCall general;

  InPlaceCall(PrimCall general) {
    super(general.pos());
    this.general = general;
    this.cell = general.cell();
    this.prim = general.prim();
  }

  /** The superinstruction for {@code general}, or null if its call has no such shape. */
  static Node of(PrimCall general, Node[] args) {
    if (!general.isSimple()) {
      return null;
    }
    FoldCall fold = FoldCall.of(general, args);
    if (fold != null) {
      return fold;
    }
    switch (general.prim().name() + "/" + args.length) {
      case "car/1":
        return new PairAccess(general, args[0], true);
      case "cdr/1":
        return new PairAccess(general, args[0], false);
      case "null?/1":
        return new TypeTest(general, args[0], TypeTest.NULL);
      case "pair?/1":
        return new TypeTest(general, args[0], TypeTest.PAIR);
      case "not/1":
        return new TypeTest(general, args[0], TypeTest.NOT);
      case "eq?/2":
        return new EqCall(general, args[0], args[1]);
      case "cons/2":
        return new ConsCall(general, args[0], args[1]);
      case "vector-ref/2":
        return new VectorRef(general, args[0], args[1]);
      case "vector-set!/3":
        return new VectorSet(general, args[0], args[1], args[2]);
      default:
        return null;
    }
  }

  /** Whether the global still holds the primitive this call was made for. */
  final boolean builtin() {
    return cell.raw() == prim;
  }

  @Override
  public int simpleDepth() {
    return general.simpleDepth();
  }
}
