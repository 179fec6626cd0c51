package org.omnilisp.lang;

import java.util.ArrayList;
import java.util.List;

/** A growable array value, printed as {@code [1 2 3]}. */
public final class LispArray {
  public final List<Object> items;

  public LispArray(List<Object> items) {
    this.items = items;
  }

  public LispArray() {
    this(new ArrayList<>());
  }
}
