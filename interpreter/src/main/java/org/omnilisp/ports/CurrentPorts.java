package org.omnilisp.ports;

import org.omnilisp.machine.Machine;

/**
 * The current input, output and error ports of a machine ({@code Machine.ports}); null there means
 * the interpreter's defaults (the standard streams). {@code with-output-to-file} and friends
 * install another set for the dynamic extent of a thunk.
 */
record CurrentPorts(Port in, Port out, Port err) {
  static CurrentPorts of(Machine m, CurrentPorts defaults) {
    return m.ports() instanceof CurrentPorts c ? c : defaults;
  }
}
