package org.omnilisp.machine;

import org.omnilisp.lang.LispThrow;

/**
 * Superinstruction for {@code (if (< a b) then else)} (any built-in fixnum comparison of two locals
 * or constants, also under a built-in {@code not}, as in {@code (if (not (< y x)) ...)}): the
 * comparison is made on two {@code long}s and picks the branch, with no Boolean in between and no
 * virtual call for the test or its operands. Both globals are read on every test (the guard on
 * redefinition); when one no longer holds its primitive, or an operand is not a fixnum, the general
 * {@link If} runs instead.
 */
final class IfFixnum extends Node {
  private final FixnumCall test;
  private final Global notCell;
  private final Primitive not;
  private final Node then;
  private final Node otherwise;
  private final If general;

  private IfFixnum(
      If general, FixnumCall test, Global notCell, Primitive not, Node then, Node otherwise) {
    super(general.pos());
    this.general = general;
    this.test = test;
    this.notCell = notCell;
    this.not = not;
    this.then = then;
    this.otherwise = otherwise;
  }

  /** The superinstruction for {@code general}, or null if its test has another shape. */
  static IfFixnum of(If general, Node test, Node then, Node otherwise) {
    if (test instanceof FixnumCall f && f.isComparison()) {
      return new IfFixnum(general, f, null, null, then, otherwise);
    }
    if (test instanceof TypeTest t && t.notOperand() instanceof FixnumCall f && f.isComparison()) {
      return new IfFixnum(general, f, t.cell, t.prim, then, otherwise);
    }
    return null;
  }

  /** 1 or 0: the test's truth; -1: not the plain case, the general node must run. */
  private int test(Machine m, Object[] env) {
    if (notCell == null) {
      return test.test(m, env);
    }
    if (notCell.raw() != not) {
      return -1;
    }
    int t = test.test(m, env);
    return t < 0 ? t : 1 - t;
  }

  @Override
  public void exec(Machine m) {
    int t = test(m, m.env);
    if (t < 0) {
      general.exec(m);
    } else {
      m.node = t == 1 ? then : otherwise;
    }
  }

  @Override
  Object run(Machine m, Object[] env) {
    int t = testHere(m, env);
    return t < 0 ? general.run(m, env) : t == 1 ? then.run(m, env) : otherwise.run(m, env);
  }

  @Override
  Object runTail(Machine m, Object[] env) {
    int t = testHere(m, env);
    return t < 0
        ? general.runTail(m, env)
        : t == 1 ? then.runTail(m, env) : otherwise.runTail(m, env);
  }

  /** The test in direct style: an error (a local used before its definition) located here. */
  int testHere(Machine m, Object[] env) {
    try {
      return test(m, env);
    } catch (LispThrow t) {
      throw Suspend.of(t, pos);
    }
  }

  FixnumCall test() {
    return test;
  }

  /** The cell of {@code not} when the test is under it, else null. */
  Global notCell() {
    return notCell;
  }

  Primitive not() {
    return not;
  }

  If general() {
    return general;
  }

  Node then() {
    return then;
  }

  Node otherwise() {
    return otherwise;
  }

  @Override
  boolean mayPark() {
    return general.mayPark();
  }

  @Override
  int directDepth() {
    return general.directDepth();
  }
}
