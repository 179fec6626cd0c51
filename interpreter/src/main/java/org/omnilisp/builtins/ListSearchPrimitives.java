package org.omnilisp.builtins;

import org.omnilisp.lang.Equality;
import org.omnilisp.lang.Pair;
import org.omnilisp.machine.Machine;

/**
 * {@code member} and {@code assoc} with R7RS's optional compare procedure (6.4): {@code (member x
 * list compare)} calls {@code (compare x item)}, {@code (assoc key alist compare)} calls {@code
 * (compare key (car entry))} (entries that are not pairs are skipped, as without compare). The
 * compare procedure may be any procedure, one that parks too.
 */
final class ListSearchPrimitives {
  private ListSearchPrimitives() {}

  static void install(Builtins b) {
    b.machine("member", 2, 3, (m, args) -> search(m, "member", args, false));
    b.machine("assoc", 2, 3, (m, args) -> search(m, "assoc", args, true));
  }

  private static void search(Machine m, String op, Object[] args, boolean assoc) {
    Args.list(op, args[1]);
    if (args.length == 2) {
      m.setValue(ListPrimitives.search(op, args[0], args[1], Equality::equal, assoc));
    } else {
      new Search(op, args, assoc).drive(m);
    }
  }

  private static final class Search extends CallLoop {
    private final Object key;
    private final boolean assoc;
    private Object rest;
    private Pair candidate;
    private boolean found;

    Search(String op, Object[] args, boolean assoc) {
      super(Args.procedure(op, args[2]));
      this.key = args[0];
      this.rest = args[1];
      this.assoc = assoc;
    }

    @Override
    Object[] next(Machine m) {
      while (!found && rest instanceof Pair p) {
        rest = p.cdr;
        if (!assoc) {
          candidate = p;
          return new Object[] {key, p.car};
        }
        if (p.car instanceof Pair entry) {
          candidate = entry;
          return new Object[] {key, entry.car};
        }
      }
      m.setValue(found ? candidate : Boolean.FALSE);
      return null;
    }

    @Override
    void accept(Object result) {
      found = Equality.isTrue(result);
    }
  }
}
