package org.omnilisp.analyzer;

import java.util.List;
import org.omnilisp.lang.Nothing;
import org.omnilisp.machine.Code;
import org.omnilisp.machine.Frame;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.MachinePrimitive;

/**
 * A procedure that analyses and runs top-level forms one after another on the calling machine, so a
 * whole script can run as a fiber (each form is analysed just before it runs, which makes macros
 * defined by earlier forms available to later ones). Returns the last form's value.
 */
public final class EvalForms {
  private EvalForms() {}

  /** The procedure, analysing each form in the top-level environment {@code env}. */
  public static MachinePrimitive of(Analyzer analyzer, List<Object> forms, Environment env) {
    if (env.isInteraction()) {
      analyzer.noteDefinitions(forms);
    }
    return new MachinePrimitive(
        "eval", 0, 0, (m, args) -> new Next(analyzer, forms, env).step(m, Nothing.NOTHING));
  }

  private static final class Next extends Frame {
    private final Analyzer analyzer;
    private final List<Object> forms;
    private final Environment env;
    private int index;

    Next(Analyzer analyzer, List<Object> forms, Environment env) {
      this.analyzer = analyzer;
      this.forms = forms;
      this.env = env;
    }

    void step(Machine m, Object last) {
      if (index == forms.size()) {
        m.setValue(last);
        return;
      }
      Code code = analyzer.analyzeTopLevel(forms.get(index++), env);
      m.push(this);
      m.runCode(code);
    }

    @Override
    protected Frame copy() {
      return cloneFrame();
    }

    @Override
    public void resume(Machine m) {
      step(m, m.value());
    }
  }
}
