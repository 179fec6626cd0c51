package org.omnilisp.lang;

import java.util.concurrent.ConcurrentHashMap;

/** An interned symbol: two symbols with the same name are the same object. */
public final class Symbol {
  private static final ConcurrentHashMap<String, Symbol> TABLE = new ConcurrentHashMap<>();

  private final String name;

  private Symbol(String name) {
    this.name = name;
  }

  public static Symbol of(String name) {
    return TABLE.computeIfAbsent(name, Symbol::new);
  }

  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return name;
  }
}
