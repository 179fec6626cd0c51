package org.omnilisp.machine;

import org.omnilisp.lang.LispThrow;

/**
 * Superinstruction for a call of a built-in fixnum operation on two locals or constants: {@code (-
 * n 1)}, {@code (+ i 1)}, {@code (< n 2)}, {@code (= i k)}. It reads the operands in place ({@link
 * Operand}) and computes on two {@code long}s directly, where a {@link PrimCall} makes three
 * virtual calls and goes through {@link Fixnum2#apply}. The global is read on every call (the guard
 * on redefinition): if it no longer holds the primitive, or an operand is not a fixnum, or the
 * result overflows, the general {@link PrimCall} does the call.
 */
final class FixnumCall extends SimpleNode {
  private final Global cell;
  private final Primitive prim;
  private final int op;
  private final Operand a;
  private final Operand b;
  private final PrimCall general;

  private FixnumCall(PrimCall general, Global cell, Primitive prim, Operand a, Operand b) {
    super(general.pos());
    this.general = general;
    this.cell = cell;
    this.prim = prim;
    this.op = prim.fixnum2();
    this.a = a;
    this.b = b;
  }

  /** The superinstruction for {@code call}, or null if its shape is not this one. */
  static FixnumCall of(PrimCall call, Global cell, Primitive prim, Node[] args) {
    if (args.length != 2 || prim.fixnum2() == Fixnum2.NONE) {
      return null;
    }
    Operand x = Operand.of(args[0]);
    Operand y = Operand.of(args[1]);
    return x == null || y == null ? null : new FixnumCall(call, cell, prim, x, y);
  }

  Operand left() {
    return a;
  }

  Operand right() {
    return b;
  }

  Global cell() {
    return cell;
  }

  Primitive prim() {
    return prim;
  }

  /** The operation, one of {@link Fixnum2}'s codes. */
  int op() {
    return op;
  }

  boolean isComparison() {
    return op >= Fixnum2.LESS && op <= Fixnum2.EQUAL;
  }

  @Override
  public Object eval(Machine m, Object[] env) {
    Object x = a.read(m, env);
    Object y = b.read(m, env);
    if (x instanceof Long p && y instanceof Long q && cell.raw() == prim) {
      long i = p;
      long j = q;
      switch (op) {
        case Fixnum2.ADD:
          long sum = i + j;
          if (((i ^ sum) & (j ^ sum)) >= 0) {
            return sum;
          }
          break;
        case Fixnum2.SUB:
          long difference = i - j;
          if (((i ^ j) & (i ^ difference)) >= 0) {
            return difference;
          }
          break;
        case Fixnum2.MUL:
          Object product = Fixnum2.mul(i, j);
          if (product != null) {
            return product;
          }
          break;
        default:
          return compare(i, j);
      }
    }
    try {
      return general.apply2(m, x, y);
    } catch (LispThrow t) {
      throw Call.located(t, pos);
    }
  }

  /**
   * For {@link IfFixnum}: 1 if the comparison holds, 0 if not, -1 if this is not the plain case
   * (then the caller evaluates the test in general).
   */
  int test(Machine m, Object[] env) {
    Object x = a.read(m, env);
    Object y = b.read(m, env);
    if (x instanceof Long p && y instanceof Long q && cell.raw() == prim) {
      return compare(p, q) ? 1 : 0;
    }
    return -1;
  }

  private boolean compare(long i, long j) {
    switch (op) {
      case Fixnum2.LESS:
        return i < j;
      case Fixnum2.GREATER:
        return i > j;
      case Fixnum2.LESS_EQ:
        return i <= j;
      case Fixnum2.GREATER_EQ:
        return i >= j;
      default:
        return i == j;
    }
  }
}
