package org.omnilisp.lang;

import java.util.List;

/**
 * Several values returned at once (R7RS {@code values}): what {@code floor/}, {@code truncate/} and
 * {@code exact-integer-sqrt} return. {@code call-with-values} and the binding forms of {@code
 * values} take them apart; printed, they show as their values separated by spaces.
 */
public final class MultipleValues {
  public final List<Object> values;

  public MultipleValues(List<Object> values) {
    this.values = List.copyOf(values);
  }

  public static MultipleValues of(Object... values) {
    return new MultipleValues(List.of(values));
  }
}
