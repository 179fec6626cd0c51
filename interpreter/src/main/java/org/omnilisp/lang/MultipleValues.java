package org.omnilisp.lang;

/**
 * The result of {@code (values a b ...)} with other than one value (R7RS 6.10), and of {@code
 * floor/}, {@code truncate/} and {@code exact-integer-sqrt}; {@code call-with-values} and the
 * binding forms spread it into arguments. One value is just itself. Printed, the values show
 * separated by spaces.
 */
public final class MultipleValues {
  public final Object[] values;

  public MultipleValues(Object[] values) {
    this.values = values;
  }

  public static MultipleValues of(Object... values) {
    return new MultipleValues(values);
  }
}
