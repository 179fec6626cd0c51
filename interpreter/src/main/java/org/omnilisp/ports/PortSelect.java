package org.omnilisp.ports;

import org.omnilisp.machine.Machine;
import org.omnilisp.machine.ParkOp;

/** The {@code ((read-line port) line body...)} clause of {@code select}. */
public final class PortSelect {
  private PortSelect() {}

  public static IoOffer readLine(Object port) {
    Port p = PortIo.inputPort("select", port, true);
    Input in = p.in;
    return new IoOffer() {
      @Override
      public Object now() {
        in.takeReturned();
        Object r = in.readLine();
        return r == Input.NEED ? null : r;
      }

      @Override
      public ParkOp op(Machine m) {
        return in.source.fill(in, m, "read-line");
      }

      @Override
      public void lost(Object arrived) {
        in.giveBack(arrived);
      }

      @Override
      public Object resolve(Object arrived) {
        in.takeReturned();
        in.filled(arrived);
        Object r = in.readLine();
        return r == Input.NEED ? null : r;
      }
    };
  }
}
