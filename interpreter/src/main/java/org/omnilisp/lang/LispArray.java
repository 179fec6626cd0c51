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

  public LispArray(List<Object> items) {
    this.items = Collections.synchronizedList(items);
  }

  public LispArray() {
    this(new ArrayList<>());
  }

  /** The elements, taken atomically. */
  public Object[] snapshot() {
    return items.toArray();
  }
}
