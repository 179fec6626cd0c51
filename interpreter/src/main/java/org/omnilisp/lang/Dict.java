package org.omnilisp.lang;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A mutable dictionary in insertion order. Keys compare with {@code equal?} for symbols, strings,
 * numbers and chars (the values Java's {@code equals} already compares by content).
 */
public final class Dict {
  public final Map<Object, Object> map = new LinkedHashMap<>();
}
