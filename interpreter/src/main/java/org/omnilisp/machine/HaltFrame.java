package org.omnilisp.machine;

/** The bottom of a machine's chain: reaching it ends the run with a result or an error. */
final class HaltFrame extends Frame {
  @Override
  public void resume(Machine m) {
    m.status = Machine.Status.DONE;
  }

  @Override
  protected boolean catchesRaise() {
    return true;
  }

  @Override
  public boolean unwind(Machine m, Object payload) {
    m.value = payload;
    m.status = Machine.Status.FAILED;
    return true;
  }
}
