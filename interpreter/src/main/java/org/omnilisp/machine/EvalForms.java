package org.omnilisp.machine;

import java.util.List;
import org.omnilisp.analyzer.Environment;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Procedure;

/**
 * A procedure that analyses and runs top-level forms one after another on the calling machine, so a
 * whole script can run as a fiber (each form is analysed just before it runs, which makes macros
 * defined by earlier forms available to later ones). Returns the last form's value.
 */
public final class EvalForms {
  private EvalForms() {}

  public static Procedure of(Interpreter interp, List<Object> forms) {
    return of(interp, forms, interp.interactionEnvironment());
  }

  /** The same, analysing each form in the top-level environment {@code env}. */
  public static MachinePrimitive of(Interpreter interp, List<Object> forms, Environment env) {
    if (env.isInteraction()) {
      interp.noteDefinitions(forms);
    }
    return new MachinePrimitive(
        "eval", 0, 0, (m, args) -> new Next(interp, forms, env).step(m, Nothing.NOTHING));
  }

  private static final class Next extends Frame {
    private final Interpreter interp;
    private final List<Object> forms;
    private final Environment env;
    private int index;

    Next(Interpreter interp, List<Object> forms, Environment env) {
      this.interp = interp;
      this.forms = forms;
      this.env = env;
    }

    void step(Machine m, Object last) {
      if (index == forms.size()) {
        m.value = last;
        return;
      }
      Code code = interp.analyze(forms.get(index++), env);
      m.push(this);
      m.env = new Object[code.frameSize() + 1];
      m.node = code.body();
    }

    @Override
    protected Frame copy() {
      return cloneFrame();
    }

    @Override
    public void resume(Machine m) {
      step(m, m.value);
    }
  }
}
