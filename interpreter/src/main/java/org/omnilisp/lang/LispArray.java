package org.omnilisp.lang;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A growable array value, printed as {@code [1 2 3]}.
 *
 * <p>Arrays are shared by fibers and OS threads like globals, so {@link #items} is a synchronized
 * list: each single operation is atomic. Code that iterates over it, or checks an index and then
 * uses it, takes a {@link #snapshot()} or holds the list's lock ({@code synchronized (items)}).
 */
public final class LispArray {
  public final List<Object> items;

  /** The list {@link #items} wraps: touched only under the lock of {@link #items}. */
  private final List<Object> store;

  public LispArray(List<Object> items) {
    this.store = items;
    this.items = Collections.synchronizedList(items);
  }

  public LispArray() {
    this(new ArrayList<>());
  }

  /** The element at {@code k}, or null if {@code k} is out of range: one lock, one bounds test. */
  public Object get(long k) {
    synchronized (items) {
      return k >= 0 && k < store.size() ? store.get((int) k) : null;
    }
  }

  /**
   * Stores {@code x} at {@code k} and returns true, or returns false if {@code k} is out of range.
   */
  public boolean set(long k, Object x) {
    synchronized (items) {
      if (k >= 0 && k < store.size()) {
        store.set((int) k, x);
        return true;
      }
      return false;
    }
  }

  /** The elements, taken atomically. */
  public Object[] snapshot() {
    return items.toArray();
  }
}
