package org.omnilisp.machine;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.omnilisp.analyzer.Analyzer;
import org.omnilisp.builtins.Builtins;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Procedure;
import org.omnilisp.lang.Symbol;
import org.omnilisp.reader.Reader;

/**
 * One interpreter: its global environment, macros and output. Nothing here is static, so any number
 * of interpreters live side by side in one JVM. Thread-safe: many machines (fibers, OS threads) run
 * code of the same interpreter at once.
 */
public final class Interpreter {
  /** The feature identifiers of {@code (features)} and {@code cond-expand}. */
  public static final List<String> FEATURES =
      List.of(
          "r7rs", "exact-closed", "ratios", "full-unicode", "omnilisp", "jvm", "fibers", "threads");

  private final Map<Symbol, Global> globals = new ConcurrentHashMap<>();
  private final Map<Symbol, Object> macros = new ConcurrentHashMap<>();
  private final AtomicLong fiberIds = new AtomicLong();
  private final Analyzer analyzer = new Analyzer(this);
  private final DeferredGroups deferred = new DeferredGroups();
  private volatile PrintStream out;
  private volatile Host host = new BlockingHost();
  private volatile org.omnilisp.ports.IoSupport io = org.omnilisp.ports.IoSupport.DIRECT;

  /** Set once any {@link Winder} frame has been made: until then no continuation crosses one. */
  private volatile boolean windersUsed;

  public Interpreter(PrintStream out) {
    this(out, true);
  }

  private Interpreter(PrintStream out, boolean builtins) {
    this.out = out;
    if (builtins) {
      Builtins.install(this);
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

  public PrintStream out() {
    return out;
  }

  public void setOut(PrintStream out) {
    this.out = out;
  }

  /** Where blocking I/O of spawned fibers runs (set by the fiber runtime's I/O module). */
  public org.omnilisp.ports.IoSupport io() {
    return io;
  }

  public void setIo(org.omnilisp.ports.IoSupport io) {
    this.io = io;
  }

  /** The host that runs top-level code (the main program). */
  public Host host() {
    return host;
  }

  public void setHost(Host host) {
    this.host = host;
  }

  public Global global(Symbol name) {
    deferred.ensure(name, this);
    return globals.computeIfAbsent(name, Global::new);
  }

  /** Defines a global as the system does (built-ins, embedders). */
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
  public Object macro(Symbol name) {
    deferred.ensure(name, this);
    return macros.get(name);
  }

  public void defineMacro(Symbol name, Object transformer) {
    deferred.ensure(name, this);
    macros.put(name, transformer);
  }

  /** Makes the global name {@code name} mean the cell {@code cell} (an import). */
  public void bindGlobal(Symbol name, Global cell) {
    deferred.ensure(name, this);
    globals.put(name, cell);
  }

  /** The interaction environment: the global table as the analyzer sees it. */
  public org.omnilisp.analyzer.Environment interactionEnvironment() {
    return analyzer.interaction();
  }

  /** The libraries of this interpreter (search path, loaded libraries). */
  public org.omnilisp.analyzer.Libraries libraries() {
    return analyzer.libraries();
  }

  /** Analyses a top-level form in the top-level environment {@code env}. */
  public Code analyze(Object form, org.omnilisp.analyzer.Environment env) {
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

  /** Notes that a {@link Winder} frame is made (a finally, a dynamic-wind, a scope body). */
  public void noteWinder() {
    if (!windersUsed) {
      windersUsed = true;
    }
  }

  /** Whether a frame chain may hold a {@link Winder} (false: continuations skip the search). */
  boolean windersUsed() {
    return windersUsed;
  }

  public Fiber newFiber(Procedure thunk) {
    return new Fiber(fiberIds.incrementAndGet(), thunk);
  }

  /** Reads, analyses and runs every form of {@code source}; returns the last value. */
  public Object eval(String source, String file) {
    return evalForms(Reader.readProgram(source, file));
  }

  /**
   * Reads, analyses and runs the system's own Lisp source (control.omni) on nested machines on the
   * calling thread (it only defines: it never parks), whatever host runs the program.
   */
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
    for (Object form : forms) {
      for (Symbol name : Analyzer.definedNames(form)) {
        global(name).userDefined = true;
      }
    }
  }

  /**
   * Calls {@code fn} to its end on the current thread, on a machine of its own (macro expanders,
   * and calls of a built-in's name after the program redefined it inside simple expressions).
   * Parking there is not possible and raises an error.
   */
  public Object callNested(Object fn, Object[] args) {
    if (fn instanceof Primitive p) {
      return p.call(args);
    }
    if (!(fn instanceof Procedure proc)) {
      throw org.omnilisp.lang.Errors.wrongType("call", "a procedure", fn);
    }
    return runNested(Machine.forCall(this, proc, args), proc.name());
  }

  /** Runs analysed code to its end on a machine of its own (see {@link #callNested}). */
  public Object evalNested(Code code) {
    return runNested(Machine.forCode(this, code), "macro definition");
  }

  private static Object runNested(Machine m, String who) {
    while (true) {
      switch (m.run(Long.MAX_VALUE)) {
        case DONE:
          return m.value;
        case FAILED:
          throw new LispThrow(m.value);
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
