package org.omnilisp.analyzer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.SourcePos;
import org.omnilisp.machine.Context;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.MachinePrimitive;
import org.omnilisp.machine.Primitive;
import org.omnilisp.reader.Reader;

/**
 * {@code eval}, {@code environment}, {@code interaction-environment} (R7RS 6.12) and {@code load}
 * (6.14). Evaluated code runs on the calling machine (it may park like any other code). A relative
 * {@code load} path is resolved against the directory of the file the call is written in: the
 * analyzer turns {@code (load path)} into a call of {@link #loadFrom} with that directory.
 */
final class EvalPrimitives {
  private final Context interp;
  private final Analyzer analyzer;
  final MachinePrimitive load;
  private final Primitive environment;

  EvalPrimitives(Analyzer analyzer) {
    this.analyzer = analyzer;
    this.interp = analyzer.interp;
    this.load = new MachinePrimitive("load", 1, 2, (m, args) -> load(m, null, args));
    this.environment = environmentAt(null);
  }

  /** {@code (environment set ...)}, whose user libraries are searched for from {@code pos}. */
  private Primitive environmentAt(SourcePos pos) {
    return Primitive.ofN(
        "environment",
        0,
        -1,
        sets -> {
          Environment env = Environment.own(interp, "(environment)");
          for (Object set : sets) {
            analyzer.libraries.importInto(env, set, pos);
          }
          return env;
        });
  }

  void install() {
    interp.define("load", load);
    interp.define(
        "eval",
        new MachinePrimitive(
            "eval",
            1,
            2,
            (m, args) -> {
              Environment env =
                  args.length == 2 ? environment("eval", args[1]) : analyzer.interaction();
              m.runCode(analyzer.analyzeTopLevel(args[0], env));
            }));
    interp.define(
        "interaction-environment", Primitive.of0("interaction-environment", analyzer::interaction));
    interp.define("environment", environment);
  }

  private static Environment environment(String op, Object x) {
    if (x instanceof Environment e) {
      return e;
    }
    throw Errors.wrongType(op, "an environment", x);
  }

  /** {@code (load path)} as written in the file at {@code pos}. */
  MachinePrimitive loadFrom(SourcePos pos) {
    Path dir = Libraries.directoryOf(pos);
    return new MachinePrimitive("load", 1, 2, (m, args) -> load(m, dir, args));
  }

  private void load(Machine m, Path dir, Object[] args) {
    if (!(args[0] instanceof String name)) {
      throw Errors.wrongType("load", "a file name string", args[0]);
    }
    Environment env = args.length == 2 ? environment("load", args[1]) : analyzer.interaction();
    Path path = dir == null ? Path.of(name) : dir.resolve(name);
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw Errors.error("load: no such file: " + path);
    } catch (IOException e) {
      throw Errors.error("load: cannot read " + path + ": " + e.getMessage());
    }
    List<Object> forms = Reader.readAll(text, path.toString());
    m.apply(EvalForms.of(analyzer, forms, env), new Object[0]);
  }

  /**
   * The procedure to call instead when {@code head} names the built-in {@code load} or {@code
   * environment}: the same, knowing the directory of the file the call is written in; else null.
   */
  Object placed(Object head, Scope scope, SourcePos pos) {
    if (head instanceof org.omnilisp.lang.Symbol s
        && scope.resolve(s) instanceof Scope.Free f
        && f.env().cell(f.name()).isBound()) {
      Object value = f.env().cell(f.name()).get();
      if (value == load) {
        return loadFrom(pos);
      }
      if (value == environment) {
        return environmentAt(pos);
      }
    }
    return null;
  }
}
