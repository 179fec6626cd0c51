package org.omnilisp.api;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.script.Bindings;

/**
 * A script engine's {@code ENGINE_SCOPE}: a live view of the runtime's global variables. {@code
 * put} defines a global (converted with {@link Values#toLisp}), {@code get} reads one (converted
 * with {@link Values#toJava}, {@code null} when unbound), and a {@code define} in a script is seen
 * here at once. Globals cannot be removed, so {@code remove} is unsupported.
 */
final class GlobalBindings extends AbstractMap<String, Object> implements Bindings {
  private final OmniLisp lisp;

  GlobalBindings(OmniLisp lisp) {
    this.lisp = lisp;
  }

  @Override
  public Object put(String name, Object value) {
    checkName(name);
    Object previous = get(name);
    lisp.define(name, value);
    return previous;
  }

  @Override
  public Object get(Object key) {
    return key instanceof String name && lisp.isBound(name) ? lisp.lookup(name) : null;
  }

  @Override
  public boolean containsKey(Object key) {
    return key instanceof String name && lisp.isBound(name);
  }

  @Override
  public Object remove(Object key) {
    throw new UnsupportedOperationException("a global variable cannot be removed: " + key);
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    List<Map.Entry<String, Object>> entries = new ArrayList<>();
    for (String name : lisp.boundGlobalNames()) {
      entries.add(new SimpleImmutableEntry<>(name, lisp.lookup(name)));
    }
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        return entries.iterator();
      }

      @Override
      public int size() {
        return entries.size();
      }
    };
  }

  private static void checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a binding needs a non-empty name, got " + name);
    }
  }
}
