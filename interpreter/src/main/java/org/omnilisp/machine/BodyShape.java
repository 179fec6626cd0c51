package org.omnilisp.machine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@link Compiler} needs to know of a lambda's body before it emits it: whether the body may
 * take its arguments in JVM locals ({@link #argsMode}), which parameters it may keep as unboxed
 * fixnums ({@link #unboxedParams}), and which nodes surely keep no reference to their frame ({@link
 * #keepsNoFrame}).
 */
final class BodyShape {
  private BodyShape() {}

  /**
   * Whether {@code l}'s compiled body may take its arguments in JVM locals instead of an {@code
   * Object[]} frame: no closure can hold its frame ({@link Lambda#frameReusable}), the frame holds
   * the parameters only (no internal definition, no {@code let} slot, no rest list), nothing
   * assigns to it, and every node on the body's usual paths works without the frame ({@link
   * #envFree}). Its frame is then only ever read, so one made from the locals where a node needs it
   * (a slow path, a suspension) is as good as the one the tree would have made.
   */
  static boolean argsMode(Lambda l) {
    return l.frameReusable
        && !l.rest
        && l.frameSize == l.required
        && l.required <= Compiler.MAX_ARGS
        && envFree(l.body);
  }

  /**
   * Whether the compiled code of {@code n} reads its frame only through the in-place paths (the
   * frame made only on a slow path: an overflow, an unbound variable, a redefined primitive, a
   * suspension), and assigns nothing.
   */
  static boolean envFree(Node n) {
    if (n instanceof Constant || n instanceof GlobalRef || n instanceof LocalRef) {
      return true;
    }
    if (n instanceof FixnumCall f) {
      return Compiler.inPlace(f);
    }
    if (n instanceof PairAccess p) {
      return envFree(p.operand());
    }
    if (n instanceof TypeTest t) {
      return envFree(t.operand());
    }
    if (n instanceof ConsCall c) {
      return envFree(c.left()) && envFree(c.right());
    }
    if (n instanceof VectorRef r) {
      return envFree(r.vector()) && envFree(r.index());
    }
    if (n instanceof VectorSet s) {
      return envFree(s.vector()) && envFree(s.index()) && envFree(s.value());
    }
    if (n instanceof PrimCall p && p.isSimpleCall()) {
      return Compiler.oneOrTwo(p.args()) && allEnvFree(p.args());
    }
    if (n instanceof SimpleNode) {
      return false;
    }
    if (n instanceof IfFixnum f) {
      return Compiler.inPlace(f.test()) && envFree(f.then()) && envFree(f.otherwise());
    }
    if (n instanceof If i) {
      return envFree(i.test()) && envFree(i.then()) && envFree(i.otherwise());
    }
    if (n instanceof Sequence s) {
      return allEnvFree(s.body());
    }
    if (n instanceof Call c) {
      return (c.fnCell() != null || envFree(c.fn())) && allEnvFree(c.args());
    }
    if (n instanceof PrimCall p && p.args().length == 2) {
      return allEnvFree(p.args());
    }
    return false;
  }

  static boolean envFree(Operand o) {
    return o.constant() != null
        || o.node() instanceof LocalRef && o.depth() >= 0
        || envFree(o.node());
  }

  static boolean allEnvFree(Node[] nodes) {
    for (Node n : nodes) {
      if (!envFree(n)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The parameters of {@code l} that its body keeps as unboxed fixnums: those that every tail call
   * with as many operands as {@code l} has parameters (the calls of itself among them) computes by
   * an in-place {@code +} or {@code -} ({@link FixnumCall}), a loop variable such as the sieve's
   * {@code j}. Only a guess of the type: the value is still checked wherever it is used, and boxed
   * where it escapes (an operand of anything but an in-place fixnum operation or vector access, a
   * frame made for a suspension).
   */
  static boolean[] unboxedParams(Lambda l) {
    boolean[] ok = new boolean[l.required + 1];
    List<Call> calls = new ArrayList<>();
    tailCalls(l.body, true, calls);
    boolean any = false;
    Arrays.fill(ok, true);
    for (Call c : calls) {
      if (c.args().length != l.required) {
        continue;
      }
      any = true;
      for (int k = 1; k <= l.required; k++) {
        ok[k] &= isAddOrSub(c.args()[k - 1]);
      }
    }
    ok[0] = false;
    if (!any) {
      Arrays.fill(ok, false);
    }
    return ok;
  }

  static boolean isAddOrSub(Node n) {
    return n instanceof FixnumCall f
        && Compiler.inPlace(f)
        && (f.op() == Fixnum2.ADD || f.op() == Fixnum2.SUB);
  }

  static void tailCalls(Node n, boolean tail, List<Call> out) {
    if (n instanceof IfFixnum f) {
      tailCalls(f.then(), tail, out);
      tailCalls(f.otherwise(), tail, out);
    } else if (n instanceof If i) {
      tailCalls(i.then(), tail, out);
      tailCalls(i.otherwise(), tail, out);
    } else if (n instanceof Sequence s) {
      Node[] body = s.body();
      tailCalls(body[body.length - 1], tail, out);
    } else if (n instanceof Call c && tail) {
      out.add(c);
    }
  }

  static boolean keepsNoFrame(Node n) {
    if (n instanceof FixnumCall f) {
      return plain(f.left().node()) && plain(f.right().node());
    }
    if (n instanceof PrimCall p && p.isSimpleCall()) {
      for (Node a : p.args()) {
        if (!plain(a)) {
          return false;
        }
      }
      return true;
    }
    return plain(n);
  }

  static boolean plain(Node n) {
    return n instanceof Constant || n instanceof GlobalRef || n instanceof LocalRef;
  }
}
