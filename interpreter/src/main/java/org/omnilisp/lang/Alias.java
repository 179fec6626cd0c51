package org.omnilisp.lang;

/**
 * An identifier that a {@code syntax-rules} template introduced: a fresh, uninterned symbol that
 * remembers the identifier it renames and the environment of the macro's definition (an analyzer
 * scope, a library's top-level environment, or null for the global one). A binding form that binds
 * an alias binds only that alias, so it cannot capture the user's variable of the same name; a free
 * alias means what its original identifier means where the macro was defined. Quoted, an alias is
 * its original symbol again ({@link #strip}).
 */
public final class Alias extends Symbol {
  /** The identifier renamed: a symbol, or an alias when a macro's expansion defines a macro. */
  public final Symbol original;

  /** Where the macro was defined (opaque here: the analyzer's business). */
  public final Object env;

  public Alias(Symbol original, Object env) {
    super(original.name());
    this.original = original;
    this.env = env;
  }

  /** The interned symbol under any number of renamings; other values unchanged. */
  public static Object base(Object x) {
    while (x instanceof Alias a) {
      x = a.original;
    }
    return x;
  }

  /** {@code x} with every alias inside it (pairs, arrays) replaced by its symbol. */
  public static Object strip(Object x) {
    if (x instanceof Alias) {
      return base(x);
    }
    if (!(x instanceof Pair p) || !containsAlias(p)) {
      return x;
    }
    Pair head = null;
    Pair last = null;
    Object cur = p;
    for (; cur instanceof Pair c; cur = c.cdr) {
      Pair copy = new Pair(strip(c.car), Nil.NIL, c.pos());
      if (c.isBracket()) {
        copy.markBracket();
      }
      if (head == null) {
        head = copy;
      } else {
        last.cdr = copy;
      }
      last = copy;
    }
    last.cdr = strip(cur);
    return head;
  }

  private static boolean containsAlias(Pair p) {
    Object cur = p;
    for (; cur instanceof Pair c; cur = c.cdr) {
      if (c.car instanceof Alias || (c.car instanceof Pair inner && containsAlias(inner))) {
        return true;
      }
    }
    return cur instanceof Alias;
  }
}
