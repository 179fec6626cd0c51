package org.omnilisp.lang;

import java.util.concurrent.ConcurrentHashMap;

/**
 * An interned symbol: two symbols with the same name are the same object. The one subclass, {@link
 * Alias}, is the uninterned identifier a {@code syntax-rules} expansion introduces.
 */
public class Symbol {
  private static final ConcurrentHashMap<String, Symbol> TABLE = new ConcurrentHashMap<>();

  private final String name;

  Symbol(String name) {
    this.name = name;
  }

  public static Symbol of(String name) {
    return TABLE.computeIfAbsent(name, Symbol::new);
  }

  public final String name() {
    return name;
  }

  @Override
  public String toString() {
    return name;
  }
}
