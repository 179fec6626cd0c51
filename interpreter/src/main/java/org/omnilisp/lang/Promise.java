package org.omnilisp.lang;

/**
 * A promise of {@code delay}, {@code delay-force} and {@code make-promise} (R7RS 4.2.5). Its state
 * is a box shared with the promises it was chained to while forcing, which is what lets {@code
 * force} run a chain of {@code delay-force} in constant space: {@code [done?, value-or-thunk]}.
 */
public final class Promise implements Printable {
  private Object[] box;

  private Promise(boolean done, Object value) {
    this.box = new Object[] {done, value};
  }

  /** A promise already forced to {@code value}. */
  public static Promise done(Object value) {
    return new Promise(true, value);
  }

  /** A promise whose thunk gives, when called, the promise to go on with. */
  public static Promise lazy(Object thunk) {
    return new Promise(false, thunk);
  }

  public synchronized boolean isDone() {
    return (Boolean) box[0];
  }

  /** The value once done, else the thunk. */
  public synchronized Object value() {
    return box[1];
  }

  /** {@code this} takes over the state of {@code next} and shares its box from now on. */
  public synchronized void takeOver(Promise next) {
    Object[] nb;
    synchronized (next) {
      nb = next.box;
      box[0] = nb[0];
      box[1] = nb[1];
      next.box = box;
    }
  }

  @Override
  public String printForm() {
    return "#<promise>";
  }
}
