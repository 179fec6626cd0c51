package org.omnilisp.threads;

import java.util.concurrent.atomic.AtomicReference;
import org.omnilisp.lang.Equality;
import org.omnilisp.lang.Printable;
import org.omnilisp.lang.Printer;

/** The value of {@code (atomic v)}: a sequentially consistent atomic reference. */
final class LispAtomic extends AtomicReference<Object> implements Printable {
  LispAtomic(Object initial) {
    super(initial);
  }

  /**
   * Sets the value to {@code replacement} when the current value is {@code eqv?} to {@code
   * expected} (numbers and chars by value). CASes against the exact object read, retrying when
   * another thread changed the value in between.
   */
  boolean casEqv(Object expected, Object replacement) {
    while (true) {
      Object current = get();
      if (!Equality.eqv(current, expected)) {
        return false;
      }
      if (compareAndSet(current, replacement)) {
        return true;
      }
    }
  }

  @Override
  public String printForm() {
    return "#<atomic " + Printer.write(get()) + ">";
  }
}
