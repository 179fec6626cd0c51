package org.omnilisp.lang;

/**
 * The result of {@code (values a b ...)} with other than one value (R7RS 6.10); {@code
 * call-with-values} and the binding forms spread it into arguments. One value is just itself.
 */
public final class MultipleValues implements Printable {
  public final Object[] values;

  public MultipleValues(Object[] values) {
    this.values = values;
  }

  @Override
  public String printForm() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(Printer.write(values[i]));
    }
    return b.toString();
  }
}
