package org.omnilisp.api;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.omnilisp.fibers.FiberRuntime;
import org.omnilisp.fibers.LispChannel;
import org.omnilisp.fibers.StageOp;
import org.omnilisp.interp.Interpreter;
import org.omnilisp.lang.CallTrace;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Procedure;
import org.omnilisp.lang.Symbol;
import org.omnilisp.machine.BlockingHost;
import org.omnilisp.machine.Fiber;
import org.omnilisp.machine.MachinePrimitive;
import org.omnilisp.machine.Primitive;
import org.omnilisp.machine.Procedures;
import org.omnilisp.reader.Reader;

/**
 * The public face of an OmniLisp runtime: one interpreter (globals, macros, output) and the fiber
 * scheduler that runs its spawned fibers on Pekko. Nothing is static: two runtimes in one JVM do
 * not interfere.
 *
 * <p>Standalone ({@link #create()}), the runtime starts its own actor system on the first spawn.
 * Inside a Pekko application, {@link #get(ActorSystem)} gives the runtime of that system (a Pekko
 * extension): its fibers and channels are actors of the application's system, configured under
 * {@code omni} in its {@code application.conf} (see {@code reference.conf}).
 */
public final class OmniLisp implements Extension, AutoCloseable {
  private final Interpreter interp;
  private final FiberRuntime fibers;

  private OmniLisp(Interpreter interp, FiberRuntime fibers) {
    this.interp = interp;
    this.fibers = fibers;
  }

  /**
   * A standalone runtime printing to {@code out}; its actor system starts on the first spawn.
   *
   * @param out where the console output port writes
   * @return the new runtime
   */
  public static OmniLisp create(PrintStream out) {
    // no overrides: null rather than an empty Config, whose ~50 classes a script that never
    // spawns would load at start-up for nothing
    Interpreter interp = new Interpreter(out);
    return new OmniLisp(interp, new FiberRuntime(interp, null));
  }

  /**
   * A standalone runtime printing to {@code System.out}; its actor system starts on the first
   * spawn.
   *
   * @return the new runtime
   */
  public static OmniLisp create() {
    return create(System.out);
  }

  /**
   * A standalone runtime with configuration overrides: keys under {@code omni}, and {@code pekko}
   * keys for the actor system it starts itself (the library's reference.conf sets none).
   *
   * @param out where the console output port writes
   * @param config overrides of the library's settings
   * @return the new runtime
   */
  public static OmniLisp create(PrintStream out, Config config) {
    Interpreter interp = new Interpreter(out);
    return new OmniLisp(interp, new FiberRuntime(interp, config));
  }

  /**
   * A runtime whose fibers and channels live in {@code system}; it prints to {@code out}.
   *
   * @param system the actor system that hosts the runtime's fibers and channels
   * @param out where the console output port writes
   * @return the new runtime
   */
  public static OmniLisp create(ActorSystem<?> system, PrintStream out) {
    Interpreter interp = new Interpreter(out);
    return new OmniLisp(interp, new FiberRuntime(interp, system.settings().config(), system));
  }

  /**
   * The runtime of {@code system} (one per actor system, created on first use).
   *
   * @param system the application's actor system
   * @return the runtime of {@code system}
   */
  public static OmniLisp get(ActorSystem<?> system) {
    return OmniLispExtension.INSTANCE.apply(system);
  }

  // ---- evaluation ------------------------------------------------------------------------

  /**
   * Evaluates {@code source} as a fiber on the runtime's pool; completes with the value of the last
   * form converted to Java ({@link Values#toJava}), or exceptionally with a {@link LispError}
   * (wrapped in a {@code CompletionException} when observed through {@code join}).
   *
   * @param source the program text
   * @return the completion of the fiber that runs it
   */
  public CompletionStage<Object> eval(String source) {
    return eval(source, "eval");
  }

  /**
   * Evaluates {@code source} as a fiber, as {@link #eval(String)} does, naming it {@code origin} in
   * error positions.
   *
   * @param source the program text
   * @param origin the file name that error positions give
   * @return the completion of the fiber that runs it
   */
  public CompletionStage<Object> eval(String source, String origin) {
    if (fibers.isStopping()) {
      return CompletableFuture.failedFuture(new RuntimeStoppedException());
    }
    Fiber f;
    try {
      f = fibers.spawn(interp.formsProcedure(Reader.readProgram(source, origin)));
    } catch (LispThrow t) {
      return CompletableFuture.failedFuture(new LispError(t.payload()));
    }
    return settled(fibers.completion(f));
  }

  private CompletionStage<Object> settled(CompletionStage<Object> completion) {
    return settled(fibers, completion);
  }

  /** A fiber's completion as the API gives it: Java values, LispError, RuntimeStoppedException. */
  static CompletionStage<Object> settled(FiberRuntime fibers, CompletionStage<Object> completion) {
    return fibers
        .untilStopped(completion, RuntimeStoppedException::new)
        .handle(
            (value, error) -> {
              if (error != null && fibers.isStopping()) {
                throw new RuntimeStoppedException();
              }
              return settle(value, error);
            });
  }

  /**
   * Runs a script file as a fiber (see {@link #eval(String)}).
   *
   * @param file the script
   * @return the completion of the fiber that runs it (failed with the {@code IOException} if the
   *     file cannot be read)
   */
  public CompletionStage<Object> evalFile(Path file) {
    try {
      return eval(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static Object settle(Object value, Throwable error) {
    if (error == null) {
      return Values.toJava(value);
    }
    Throwable cause = error instanceof CompletionException c ? c.getCause() : error;
    throw cause instanceof LispThrow t
        ? new LispError(t.payload())
        : new CompletionException(cause);
  }

  /**
   * Evaluates every form of {@code source} on the calling thread, which acts as the main program:
   * parking operations block it, and a wait that nothing can ever end is reported as a deadlock.
   * Returns the Lisp value of the last form (see {@link Values} to convert it).
   *
   * @throws LispError when the code raises and does not catch
   * @param source the program text
   * @param origin the file name that error positions give
   * @return the Lisp value of the last form
   */
  public Object evalHere(String source, String origin) {
    try {
      return interp.eval(source, origin);
    } catch (LispThrow t) {
      throw new LispError(t.payload(), t.trace());
    }
  }

  /**
   * From any thread (a Ctrl-C handler): the code that {@link #evalHere} runs raises the error
   * {@code interrupted} at the step it has reached or the wait it is in; its {@code finally}
   * clauses run and the fibers of its {@code with-fibers} scopes are canceled. Spawned fibers
   * outside a scope go on. Without an evaluation running, the next one is interrupted at once (see
   * {@link #clearInterrupt}).
   */
  public void interrupt() {
    if (interp.host() instanceof BlockingHost b) {
      b.interrupt(new ErrorObject(INTERRUPTED));
    }
  }

  /** The message of the error that {@link #interrupt} raises. */
  public static final String INTERRUPTED = "interrupted";

  /** Forgets an {@link #interrupt} that no evaluation has taken yet. */
  public void clearInterrupt() {
    if (interp.host() instanceof BlockingHost b) {
      b.clearInterruption();
    }
  }

  /**
   * Runs a script file on the calling thread (see {@link #evalHere}).
   *
   * @param file the script
   * @return the Lisp value of its last form
   * @throws IOException if the file cannot be read
   */
  public Object evalFileHere(Path file) throws IOException {
    return evalHere(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * True when {@code text} ends inside an unfinished datum (a REPL reads another line).
   *
   * @param text what has been typed so far
   * @return whether a datum is still open at the end of {@code text}
   */
  public static boolean isIncomplete(String text) {
    return Reader.isIncomplete(text);
  }

  // ---- definitions -----------------------------------------------------------------------

  /**
   * Defines (or redefines) a global variable; the value is converted with {@link Values#toLisp}.
   *
   * @param name the global's name
   * @param value its value, a Java value (see {@link Values})
   */
  public void define(String name, Object value) {
    interp.define(name, Values.toLisp(value));
  }

  /**
   * Defines a Lisp procedure written in Java, taking {@code minArgs} to {@code maxArgs} arguments
   * ({@code maxArgs < 0}: any number). A call with the wrong number of arguments raises the same
   * error as a built-in ({@code name: expected 2 arguments, got 3}); an exception thrown by {@code
   * body} becomes a Lisp error {@code name: message} with the exception as its cause.
   *
   * @param name the procedure's name (also in its error messages)
   * @param minArgs the fewest arguments it takes
   * @param maxArgs the most arguments it takes, or -1 for any number
   * @param body what it does
   */
  public void define(String name, int minArgs, int maxArgs, JavaProcedure body) {
    interp.define(
        name,
        Primitive.ofN(
            name,
            minArgs,
            maxArgs,
            args -> {
              try {
                return Values.toLisp(body.call(Arrays.stream(args).map(Values::toJava).toList()));
              } catch (LispThrow | LispError e) {
                throw e instanceof LispError l ? new LispThrow(l.payload()) : (LispThrow) e;
              } catch (Exception e) {
                throw javaFailure(name, e);
              }
            }));
  }

  /**
   * Defines a Lisp procedure written in Java whose result comes later: a call parks the calling
   * fiber (or blocks the main program) until the returned stage completes; see {@link
   * AsyncJavaProcedure}. Arity and errors as in {@link #define(String, int, int, JavaProcedure)}.
   *
   * @param name the procedure's name (also in its error messages)
   * @param minArgs the fewest arguments it takes
   * @param maxArgs the most arguments it takes, or -1 for any number
   * @param body what it does: it returns the stage the calling fiber waits for
   */
  public void defineAsync(String name, int minArgs, int maxArgs, AsyncJavaProcedure body) {
    interp.define(
        name,
        new MachinePrimitive(
            name,
            minArgs,
            maxArgs,
            (machine, args) -> {
              CompletionStage<?> stage;
              try {
                stage = body.call(Arrays.stream(args).map(Values::toJava).toList());
              } catch (LispError e) {
                throw new LispThrow(e.payload());
              } catch (Exception e) {
                throw javaFailure(name, e);
              }
              if (stage == null) {
                throw new LispThrow(new ErrorObject(name + ": returned no CompletionStage"));
              }
              // a pending stage counts as I/O: the world may still complete it (no deadlock)
              machine.park(
                  new StageOp(
                      fibers,
                      "the result of " + name,
                      () -> stage.thenApply(Values::toLisp),
                      cause -> asyncFailure(name, cause),
                      late -> {}));
            }));
  }

  /** The Lisp error of an asynchronous procedure whose stage failed (its cause kept). */
  private static Object asyncFailure(String name, Throwable cause) {
    if (cause instanceof LispError l) {
      return l.payload();
    }
    String message = cause.getMessage() != null ? cause.getMessage() : cause.toString();
    return new ErrorObject(name + ": " + message).withCause(cause);
  }

  private static LispThrow javaFailure(String name, Exception e) {
    String message = e.getMessage() != null ? e.getMessage() : e.toString();
    return new LispThrow(new ErrorObject(name + ": " + message).withCause(e));
  }

  /**
   * Does the global variable {@code name} have a value?
   *
   * @param name the global's name
   * @return whether it has a value
   */
  public boolean isBound(String name) {
    return interp.global(Symbol.of(name)).isBound();
  }

  /** The names of the globals that have a value (built-ins included). */
  List<String> boundGlobalNames() {
    return interp.boundGlobalNames();
  }

  /** The value of a global, unconverted. */
  Object lookupLisp(String name) {
    try {
      return interp.lookup(name);
    } catch (LispThrow t) {
      throw new LispError(t.payload());
    }
  }

  /** Reads every form of {@code source} (for compiled scripts). */
  List<Object> read(String source, String origin) {
    try {
      return Reader.readAll(source, origin);
    } catch (LispThrow t) {
      throw new LispError(t.payload());
    }
  }

  /** Runs forms already read on the calling thread (see {@link #evalHere}). */
  Object evalFormsHere(List<Object> forms) {
    try {
      return interp.evalForms(forms);
    } catch (LispThrow t) {
      throw new LispError(t.payload());
    }
  }

  void flushOutput() {
    interp.out().flush();
  }

  /**
   * The value of a global, converted to Java.
   *
   * @param name the global's name
   * @return its value converted to Java ({@code null} when unbound or {@code nothing})
   */
  public Object lookup(String name) {
    try {
      return Values.toJava(interp.lookup(name));
    } catch (LispThrow t) {
      throw new LispError(t.payload());
    }
  }

  /**
   * Calls a Lisp procedure value on the calling thread, which acts as the main program (see {@link
   * #evalHere}). Arguments are converted with {@link Values#toLisp}; returns the Lisp value.
   *
   * @throws LispError when the call raises and does not catch, or {@code procedure} is not one
   * @param procedure a Lisp procedure value
   * @param args its arguments, Java values
   * @return the Lisp value it returns
   */
  public Object callHere(Object procedure, Object... args) {
    Procedure p = procedure(procedure);
    try {
      return interp.call(p, Arrays.stream(args).map(Values::toLisp).toArray());
    } catch (LispThrow t) {
      throw new LispError(t.payload());
    }
  }

  private static Procedure procedure(Object value) {
    if (value instanceof Procedure p) {
      return p;
    }
    throw new LispError(
        new ErrorObject("call: expected a procedure, got " + Errors.describe(value)));
  }

  /**
   * Calls a Lisp procedure value (e.g. from {@link #lookup}) as a fiber; see {@link #eval}.
   *
   * @param procedure a Lisp procedure value
   * @param args its arguments, Java values
   * @return the completion of the fiber that calls it
   */
  public CompletionStage<Object> call(Object procedure, Object... args) {
    Procedure p;
    try {
      p = procedure(procedure);
    } catch (LispError e) {
      return CompletableFuture.failedFuture(e);
    }
    Object[] lispArgs = Arrays.stream(args).map(Values::toLisp).toArray();
    if (fibers.isStopping()) {
      return CompletableFuture.failedFuture(new RuntimeStoppedException());
    }
    return settled(fibers.completion(fibers.spawn(Procedures.thunk(p, lispArgs))));
  }

  // ---- channels and the pool ---------------------------------------------------------------

  /**
   * A new channel (an actor of this runtime's system) with room for {@code capacity} values (0: a
   * rendezvous), shared between Java and Lisp: use it from Java, pass it to Lisp with {@link
   * #define(String, Object)} or as an argument of {@link #call}, where it is the Lisp channel.
   *
   * @param capacity how many values it buffers (0: a rendezvous)
   * @return the new channel
   */
  public SharedChannel channel(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("channel capacity must be >= 0, got " + capacity);
    }
    return new SharedChannel(fibers.newChannel(capacity));
  }

  /**
   * The Java side of a channel: {@code channel} is a {@link SharedChannel} (returned as it is) or a
   * Lisp channel value (one {@link #lookup} or {@link #evalHere} returned without conversion).
   *
   * @param channel a {@code SharedChannel} or a Lisp channel value
   * @return its Java side
   * @throws IllegalArgumentException if {@code channel} is not a channel
   */
  public static SharedChannel handle(Object channel) {
    if (channel instanceof SharedChannel s) {
      return s;
    }
    if (channel instanceof LispChannel c) {
      return new SharedChannel(c);
    }
    throw new IllegalArgumentException("not a channel: " + Errors.describe(channel));
  }

  /**
   * The number of threads of the pool that new fibers are scheduled on.
   *
   * @return the number of threads fibers run on
   */
  public int poolSize() {
    return fibers.poolSize();
  }

  /** The largest pool size {@link #setPoolSize} accepts. */
  public static final int MAX_POOL_SIZE = FiberRuntime.MAX_POOL_SIZE;

  /**
   * Runs fibers scheduled from now on on {@code n} threads (1 to {@link #MAX_POOL_SIZE}).
   *
   * @param n the number of threads
   */
  public void setPoolSize(int n) {
    if (n < 1 || n > MAX_POOL_SIZE) {
      throw new IllegalArgumentException(
          "pool size must be a positive integer (at most " + MAX_POOL_SIZE + "), got " + n);
    }
    fibers.setPoolSize(n);
  }

  /**
   * What to do when a fiber runs out of memory: {@code handler} is told what was running ({@code
   * fiber 3}); without one (or if it returns) the fiber fails with {@code out of memory in fiber
   * 3}.
   *
   * @param handler told what was running, e.g. {@code fiber 3}
   */
  public void onOutOfMemory(java.util.function.Consumer<String> handler) {
    fibers.onOutOfMemory(handler);
  }

  /**
   * The fiber scheduler (for tests and tools).
   *
   * @return the scheduler of this runtime's fibers (internal: not a stable API)
   */
  @SuppressWarnings("exports") // FiberRuntime's package is exported to the add-on modules only
  public FiberRuntime fibers() {
    return fibers;
  }

  /**
   * The interpreter underneath (for modules that install primitives).
   *
   * @return the interpreter of this runtime (internal: not a stable API)
   */
  @SuppressWarnings("exports") // Interpreter's package is exported to the runtime modules only
  public Interpreter interpreter() {
    return interp;
  }

  /**
   * A readable report of an uncaught error: {@code file:line:col: message irritants}.
   *
   * @param e the error
   * @return its report
   */
  public static String describe(LispError e) {
    return Errors.report(e.payload());
  }

  /**
   * The report of an uncaught error with its position (also for a raised value that is not an error
   * object) and its Lisp call chain, one {@code " at NAME (file:line:col)"} line per frame, when
   * known.
   *
   * @param e the error
   * @return its report and call chain
   */
  public static String describeWithChain(LispError e) {
    String report = Errors.report(e.payload());
    CallTrace t = e.trace();
    if (t == null) {
      return report;
    }
    if (!(e.payload() instanceof ErrorObject) && t.pos() != null) {
      report = t.pos() + ": " + report;
    }
    return report + t.render();
  }

  /** Flushes the output and stops the actor system if this runtime started it. */
  @Override
  public void close() {
    interp.out().flush();
    fibers.close();
  }

  /**
   * After {@link #close}: waits until the actor system this runtime started has terminated, so that
   * a cluster node's last remote messages go out and the node leaves its cluster.
   *
   * @param timeout how long to wait at most
   * @return true once the system has terminated, or if this runtime started none (it runs on the
   *     host's system); false if the timeout passed first
   */
  public boolean awaitStopped(java.time.Duration timeout) {
    return fibers.awaitStopped(timeout);
  }
}
