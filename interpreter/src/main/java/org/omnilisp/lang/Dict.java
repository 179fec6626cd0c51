package org.omnilisp.lang;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A mutable dictionary in insertion order. Keys compare with {@code equal?} for symbols, strings,
 * numbers and chars (the values Java's {@code equals} already compares by content).
 *
 * <p>Dicts are shared by fibers and OS threads like globals, so {@link #map} is a synchronized map:
 * each single operation is atomic. Code that iterates over it takes a {@link #snapshot()} (or holds
 * the map's lock), never its plain iterator.
 */
public final class Dict {
  public final Map<Object, Object> map = Collections.synchronizedMap(new LinkedHashMap<>());

  /** The entries as {@code [k0 v0 k1 v1 ...]}, taken atomically, in insertion order. */
  public Object[] snapshot() {
    synchronized (map) {
      Object[] kv = new Object[map.size() * 2];
      int i = 0;
      for (Map.Entry<Object, Object> e : map.entrySet()) {
        kv[i++] = e.getKey();
        kv[i++] = e.getValue();
      }
      return kv;
    }
  }
}
