package org.omnilisp.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.omnilisp.fibers.FiberRuntime;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Nothing;
import org.omnilisp.machine.Interpreter;
import org.omnilisp.reader.Reader;

/**
 * The public face of an OmniLisp runtime: one interpreter (its globals, macros and output) and the
 * fiber scheduler that runs its spawned fibers. Nothing is static: two runtimes in one JVM do not
 * interfere.
 */
public final class OmniLisp implements AutoCloseable {
  private final Interpreter interp;
  private final FiberRuntime fibers;

  private OmniLisp(Interpreter interp, Config config) {
    this.interp = interp;
    this.fibers = new FiberRuntime(interp, config);
  }

  /** A standalone runtime printing to {@code out}; its actor system starts on the first spawn. */
  public static OmniLisp create(PrintStream out) {
    return new OmniLisp(new Interpreter(out), ConfigFactory.empty());
  }

  /** A standalone runtime with configuration overrides (see reference.conf). */
  public static OmniLisp create(PrintStream out, Config config) {
    return new OmniLisp(new Interpreter(out), config);
  }

  public static OmniLisp create() {
    return create(System.out);
  }

  /**
   * Evaluates every form of {@code source} on the calling thread, which acts as the main program
   * (parking operations block it). Returns the value of the last form.
   *
   * @throws LispError when the code raises and does not catch
   */
  public Object evalHere(String source, String origin) {
    try {
      List<Object> forms = Reader.readAll(source, origin);
      interp.noteDefinitions(forms);
      Object result = Nothing.NOTHING;
      for (Object form : forms) {
        result = interp.evalForm(form);
      }
      return result;
    } catch (LispThrow t) {
      throw new LispError(t.payload());
    }
  }

  /** Runs a script file on the calling thread (see {@link #evalHere}). */
  public Object evalFileHere(Path file) throws IOException {
    return evalHere(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Defines (or redefines) a global variable. */
  public void define(String name, Object value) {
    interp.define(name, value);
  }

  /** The interpreter underneath (for modules that install primitives). */
  public Interpreter interpreter() {
    return interp;
  }

  /** A readable report of an uncaught error: {@code file:line:col: message irritants}. */
  public static String describe(LispError e) {
    return Errors.report(e.payload());
  }

  /** The fiber scheduler (pool size, live fibers). */
  public FiberRuntime fibers() {
    return fibers;
  }

  /** Flushes the output and stops the actor system this runtime started. */
  @Override
  public void close() {
    interp.out().flush();
    fibers.close();
  }
}
