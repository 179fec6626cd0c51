package org.omnilisp.machine;

import java.io.PrintStream;
import java.util.List;
import org.omnilisp.lang.Procedure;
import org.omnilisp.lang.Symbol;

/**
 * What a machine, and the layers built on it (analyzer, built-ins, ports), need from the
 * interpreter that hosts them: its global table, macros, nested calls, the I/O support of its
 * runtime and a few flags. The interpreter ({@code org.omnilisp.interp.Interpreter}) implements it;
 * the machine package never sees that class, so it stays the bottom layer of the interpreter.
 */
public interface Context {
  /** The feature identifiers of {@code (features)} and {@code cond-expand}. */
  List<String> FEATURES =
      List.of(
          "r7rs", "exact-closed", "ratios", "full-unicode", "omnilisp", "jvm", "fibers", "threads");

  /** Where the console output port writes (the standard output unless an embedder set another). */
  PrintStream out();

  /** The cell of the global {@code name} (made unbound on first use). */
  Global global(Symbol name);

  /** Defines a global as the system does (built-ins, embedders). */
  void define(String name, Object value);

  /** The global macro {@code name}: a define-macro expander or a syntax-rules transformer. */
  Object macro(Symbol name);

  /** Defines the global macro {@code name}. */
  void defineMacro(Symbol name, Object transformer);

  /** Makes the global name {@code name} mean the cell {@code cell} (an import). */
  void bindGlobal(Symbol name, Global cell);

  /** Reads, analyses and runs every form of {@code source}; returns the last value. */
  Object eval(String source, String file);

  /**
   * Reads, analyses and runs the system's own Lisp source (definitions only: it never parks) on
   * nested machines on the calling thread, whatever host runs the program.
   */
  void loadNested(String source, String file);

  /**
   * Calls {@code fn} to its end on the current thread, on a machine of its own; parking there is
   * not possible and raises an error.
   */
  Object callNested(Object fn, Object[] args);

  /** Runs analysed code to its end on a machine of its own (see {@link #callNested}). */
  Object evalNested(Code code);

  /** Where blocking I/O of spawned fibers runs (set by the fiber runtime's I/O module). */
  IoSupport io();

  /** A new fiber (not yet started) that will call {@code thunk}. */
  Fiber newFiber(Procedure thunk);

  /** Notes that a {@link Winder} frame is made (a finally, a dynamic-wind, a scope body). */
  void noteWinder();

  /**
   * After how many direct-style calls a procedure's body is compiled to bytecode by default (why
   * this number: see {@code Compiler}); {@code -Domnilisp.compileThreshold=N} sets another.
   */
  int COMPILE_THRESHOLD = Integer.getInteger("omnilisp.compileThreshold", 1000);

  /**
   * After how many direct-style calls a procedure's body is compiled to bytecode; 0 compiles each
   * eligible one on its first call (a test host does).
   */
  default int compileThreshold() {
    return COMPILE_THRESHOLD;
  }

  /** Whether a frame chain may hold a {@link Winder} (false: continuations skip the search). */
  boolean windersUsed();
}
