package org.omnilisp.interp;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.omnilisp.analyzer.Analyzer;
import org.omnilisp.analyzer.Environment;
import org.omnilisp.analyzer.EvalForms;
import org.omnilisp.analyzer.Libraries;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Procedure;
import org.omnilisp.lang.Symbol;
import org.omnilisp.machine.BlockingHost;
import org.omnilisp.machine.Code;
import org.omnilisp.machine.Context;
import org.omnilisp.machine.Fiber;
import org.omnilisp.machine.Global;
import org.omnilisp.machine.Host;
import org.omnilisp.machine.IoSupport;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.MachinePrimitive;
import org.omnilisp.machine.Primitive;
import org.omnilisp.reader.Reader;

/**
 * One interpreter: its global environment, macros and output. Nothing here is static, so any number
 * of interpreters live side by side in one JVM. Thread-safe: many machines (fibers, OS threads) run
 * code of the same interpreter at once.
 *
 * <p>This is the top of the interpreter's layers ({@code lang}, {@code reader}, {@code machine},
 * then {@code analyzer}, {@code builtins}, {@code ports}); the layers below see it as a {@link
 * Context}.
 */
public final class Interpreter implements Context {
  /** The feature identifiers of {@code (features)} and {@code cond-expand}. */
  public static final List<String> FEATURES = Context.FEATURES;

  private final Map<Symbol, Global> globals = new ConcurrentHashMap<>();
  private final Map<Symbol, Object> macros = new ConcurrentHashMap<>();
  private final AtomicLong fiberIds = new AtomicLong();
  private final Analyzer analyzer = new Analyzer(this);
  private final DeferredGroups deferred = new DeferredGroups();
  private volatile PrintStream out;
  private volatile Host host = new BlockingHost();
  private volatile IoSupport io = IoSupport.DIRECT;

  /** Set once any {@code Winder} frame has been made: until then no continuation crosses one. */
  private volatile boolean windersUsed;

  private int compileThreshold = Context.COMPILE_THRESHOLD;

  public Interpreter(PrintStream out) {
    this(out, true);
  }

  private Interpreter(PrintStream out, boolean builtins) {
    this.out = out;
    if (builtins) {
      BuiltinGroups.install(this);
    }
    analyzer.installPrimitives();
    SystemPrimitives.install(this);
  }

  /**
   * An interpreter with the analyzer's and the system's procedures but none of the built-in groups
   * (for the build step that lists the names each group defines: see {@code BuiltinIndex}).
   */
  public static Interpreter withoutBuiltins(PrintStream out) {
    return new Interpreter(out, false);
  }

  /** Installs a deferred group of definitions (see {@link #defer}). */
  @FunctionalInterface
  public interface GroupInstaller {
    void install(Interpreter interp, String group);
  }

  /**
   * Defers the definitions of the group {@code group} until one of {@code names} (exactly the
   * globals and macros it defines) is first looked up, defined, imported or listed; then {@code
   * installer} makes them, once.
   */
  public void defer(String group, java.util.Collection<String> names, GroupInstaller installer) {
    deferred.add(group, names, installer);
  }

  /**
   * Every global that has a value and every macro, with what it holds ({@code [value, macro]},
   * either may be null), after installing every deferred group.
   */
  public Map<Symbol, Object[]> definitions() {
    deferred.ensureAll(this);
    Map<Symbol, Object[]> all = new java.util.HashMap<>();
    globals.forEach(
        (name, cell) -> {
          if (cell.isBound()) {
            all.put(name, new Object[] {cell.raw(), null});
          }
        });
    macros.forEach((name, m) -> all.computeIfAbsent(name, k -> new Object[2])[1] = m);
    return all;
  }

  public Interpreter() {
    this(System.out);
  }

  @Override
  public PrintStream out() {
    return out;
  }

  public void setOut(PrintStream out) {
    this.out = out;
  }

  /** Where blocking I/O of spawned fibers runs (set by the fiber runtime's I/O module). */
  @Override
  public IoSupport io() {
    return io;
  }

  public void setIo(IoSupport io) {
    this.io = io;
  }

  /** The host that runs top-level code (the main program). */
  public Host host() {
    return host;
  }

  public void setHost(Host host) {
    this.host = host;
  }

  @Override
  public Global global(Symbol name) {
    deferred.ensure(name, this);
    return globals.computeIfAbsent(name, Global::new);
  }

  /** Defines a global as the system does (built-ins, embedders). */
  @Override
  public void define(String name, Object value) {
    global(Symbol.of(name)).install(value);
  }

  public Object lookup(String name) {
    return global(Symbol.of(name)).get();
  }

  /** The names of the globals that have a value (built-ins included), in no particular order. */
  public List<String> boundGlobalNames() {
    deferred.ensureAll(this);
    List<String> names = new ArrayList<>();
    globals.forEach(
        (name, cell) -> {
          if (cell.isBound()) {
            names.add(name.name());
          }
        });
    return names;
  }

  /**
   * Calls {@code fn} with the interpreter's host on the calling thread (it acts as the main
   * program).
   */
  public Object call(Procedure fn, Object[] args) {
    return host.run(Machine.forCall(this, fn, args));
  }

  /** Runs forms already read (see {@link #eval}); returns the last value. */
  public Object evalForms(List<Object> forms) {
    noteDefinitions(forms);
    Object result = Nothing.NOTHING;
    for (Object form : forms) {
      result = evalForm(form);
    }
    return result;
  }

  /** The global macro {@code name}: a define-macro expander or a syntax-rules transformer. */
  @Override
  public Object macro(Symbol name) {
    deferred.ensure(name, this);
    return macros.get(name);
  }

  @Override
  public void defineMacro(Symbol name, Object transformer) {
    deferred.ensure(name, this);
    macros.put(name, transformer);
  }

  /** Makes the global name {@code name} mean the cell {@code cell} (an import). */
  @Override
  public void bindGlobal(Symbol name, Global cell) {
    deferred.ensure(name, this);
    globals.put(name, cell);
  }

  /** The interaction environment: the global table as the analyzer sees it. */
  public Environment interactionEnvironment() {
    return analyzer.interaction();
  }

  /** The libraries of this interpreter (search path, loaded libraries). */
  public Libraries libraries() {
    return analyzer.libraries();
  }

  /** Analyses a top-level form in the top-level environment {@code env}. */
  public Code analyze(Object form, Environment env) {
    return analyzer.analyzeTopLevel(form, env);
  }

  /** What {@code exit} and {@code emergency-exit} do (the runner's default ends the JVM). */
  @FunctionalInterface
  public interface ExitHandler {
    void exit(int status, boolean emergency);
  }

  private volatile ExitHandler exitHandler =
      (status, emergency) -> {
        out.flush();
        System.err.flush();
        if (emergency) {
          Runtime.getRuntime().halt(status);
        }
        System.exit(status);
      };

  public ExitHandler exitHandler() {
    return exitHandler;
  }

  public void setExitHandler(ExitHandler handler) {
    this.exitHandler = handler;
  }

  /** Notes that a {@code Winder} frame is made (a finally, a dynamic-wind, a scope body). */
  @Override
  public void noteWinder() {
    if (!windersUsed) {
      windersUsed = true;
    }
  }

  /**
   * After how many direct-style calls a procedure is compiled to bytecode; 0 compiles each eligible
   * one at once (a test host). Set before the program runs.
   */
  public void setCompileThreshold(int n) {
    compileThreshold = n;
  }

  @Override
  public int compileThreshold() {
    return compileThreshold;
  }

  /** Whether a frame chain may hold a {@code Winder} (false: continuations skip the search). */
  @Override
  public boolean windersUsed() {
    return windersUsed;
  }

  @Override
  public Fiber newFiber(Procedure thunk) {
    return new Fiber(fiberIds.incrementAndGet(), thunk);
  }

  /** Reads, analyses and runs every form of {@code source}; returns the last value. */
  @Override
  public Object eval(String source, String file) {
    return evalForms(Reader.readProgram(source, file));
  }

  /**
   * Reads, analyses and runs the system's own Lisp source (control.omni) on nested machines on the
   * calling thread (it only defines: it never parks), whatever host runs the program.
   */
  @Override
  public void loadNested(String source, String file) {
    List<Object> forms = Reader.readProgram(source, file);
    noteDefinitions(forms);
    for (Object form : forms) {
      evalNested(analyzer.analyzeTopLevel(form));
    }
  }

  /** Analyses and runs one top-level form with the interpreter's host. */
  public Object evalForm(Object form) {
    return host.run(Machine.forCode(this, analyzer.analyzeTopLevel(form)));
  }

  public Code analyze(Object form) {
    return analyzer.analyzeTopLevel(form);
  }

  /**
   * Marks the globals that top-level forms define or assign, before any of them is analysed, so
   * calls to them are never compiled as calls of the built-in they replace.
   */
  public void noteDefinitions(List<Object> forms) {
    analyzer.noteDefinitions(forms);
  }

  /**
   * A procedure of no arguments that analyses and runs {@code forms} one after another on the
   * machine that calls it (so a whole script can run as a fiber); it returns the last value.
   */
  public MachinePrimitive formsProcedure(List<Object> forms) {
    return EvalForms.of(analyzer, forms, analyzer.interaction());
  }

  /**
   * Calls {@code fn} to its end on the current thread, on a machine of its own (macro expanders,
   * and calls of a built-in's name after the program redefined it inside simple expressions).
   * Parking there is not possible and raises an error.
   */
  @Override
  public Object callNested(Object fn, Object[] args) {
    if (fn instanceof Primitive p) {
      return p.call(args);
    }
    if (!(fn instanceof Procedure proc)) {
      throw Errors.wrongType("call", "a procedure", fn);
    }
    return runNested(Machine.forCall(this, proc, args), proc.name());
  }

  /** Runs analysed code to its end on a machine of its own (see {@link #callNested}). */
  @Override
  public Object evalNested(Code code) {
    return runNested(Machine.forCode(this, code), "macro definition");
  }

  private static Object runNested(Machine m, String who) {
    while (true) {
      switch (m.run(Long.MAX_VALUE)) {
        case DONE:
          return m.value();
        case FAILED:
          throw new LispThrow(m.value());
        case SLICE:
          break;
        default:
          throw new LispThrow(
              new ErrorObject(
                  who
                      + ": cannot park or yield here (inside a macro expander or a call that"
                      + " replaces a built-in in a simple expression)"));
      }
    }
  }
}
