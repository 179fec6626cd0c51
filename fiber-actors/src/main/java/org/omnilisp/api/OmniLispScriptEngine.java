package org.omnilisp.api;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.script.AbstractScriptEngine;
import javax.script.Bindings;
import javax.script.Compilable;
import javax.script.CompiledScript;
import javax.script.Invocable;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptException;
import javax.script.SimpleBindings;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Procedure;

/**
 * OmniLisp as a JSR-223 script engine. Each engine is a runtime of its own ({@link
 * OmniLisp#create}); scripts run on the calling thread as the main program ({@link
 * OmniLisp#evalHere}), so they may spawn fibers and wait for them.
 *
 * <ul>
 *   <li>Bindings are globals: the engine scope is a view of the global variables, so {@code
 *       engine.put("x", 41)} makes {@code x} a global and {@code (define y 2)} makes {@code
 *       engine.get("y")} 2. Bindings of another kind passed to {@code eval} (and the global
 *       scope's) are defined as globals before the script runs; the entries of such engine-scope
 *       bindings are read back after it.
 *   <li>Output goes to the context's writer; values come back converted by {@link Values#toJava}.
 *   <li>Errors are {@link ScriptException}s with the message, file, line and column of the Lisp
 *       error (the {@link LispError} is the cause).
 *   <li>{@link Invocable}: {@code invokeFunction} calls a global procedure; {@code invokeMethod}
 *       calls the global procedure {@code name} with the object as its first argument, as {@link
 *       OmniLispScriptEngineFactory#getMethodCallSyntax} writes it.
 *   <li>{@link Compilable}: compiling reads the source once (syntax errors are found then).
 *   <li>{@link #close} stops the runtime (and its actor system, if a script started one).
 * </ul>
 */
public final class OmniLispScriptEngine extends AbstractScriptEngine
    implements Invocable, Compilable, AutoCloseable {
  private final ScriptEngineFactory factory;
  private final WriterOutput output;
  private final OmniLisp lisp;

  OmniLispScriptEngine(ScriptEngineFactory factory) {
    this.factory = factory;
    this.output = new WriterOutput(context.getWriter());
    this.lisp = OmniLisp.create(new PrintStream(output, true, StandardCharsets.UTF_8));
    context.setBindings(new GlobalBindings(lisp), ScriptContext.ENGINE_SCOPE);
  }

  @Override
  public Object eval(String script, ScriptContext ctx) throws ScriptException {
    return compile(script, fileName(ctx)).eval(ctx);
  }

  @Override
  public Object eval(Reader reader, ScriptContext ctx) throws ScriptException {
    return eval(readAll(reader), ctx);
  }

  @Override
  public Bindings createBindings() {
    return new SimpleBindings();
  }

  @Override
  public ScriptEngineFactory getFactory() {
    return factory;
  }

  // ---- Compilable ---------------------------------------------------------------------------

  @Override
  public CompiledScript compile(String script) throws ScriptException {
    return compile(script, fileName(context));
  }

  @Override
  public CompiledScript compile(Reader script) throws ScriptException {
    return compile(readAll(script));
  }

  private CompiledScript compile(String script, String file) throws ScriptException {
    List<Object> forms;
    try {
      forms = lisp.read(script, file);
    } catch (LispError e) {
      throw scriptException(e);
    }
    return new CompiledScript() {
      @Override
      public Object eval(ScriptContext ctx) throws ScriptException {
        return run(forms, ctx);
      }

      @Override
      public ScriptEngine getEngine() {
        return OmniLispScriptEngine.this;
      }
    };
  }

  private Object run(List<Object> forms, ScriptContext ctx) throws ScriptException {
    Bindings engineScope = ctx.getBindings(ScriptContext.ENGINE_SCOPE);
    Bindings globalScope = ctx.getBindings(ScriptContext.GLOBAL_SCOPE);
    if (globalScope != null) {
      globalScope.forEach(lisp::define);
    }
    boolean foreign = engineScope != null && !(engineScope instanceof GlobalBindings);
    if (foreign) {
      engineScope.forEach(lisp::define);
    }
    output.setTarget(ctx.getWriter());
    try {
      return Values.toJava(lisp.evalFormsHere(forms));
    } catch (LispError e) {
      throw scriptException(e);
    } finally {
      lisp.flushOutput();
      if (foreign) {
        engineScope.replaceAll((name, old) -> lisp.isBound(name) ? lisp.lookup(name) : old);
      }
    }
  }

  // ---- Invocable ----------------------------------------------------------------------------

  @Override
  public Object invokeFunction(String name, Object... args)
      throws ScriptException, NoSuchMethodException {
    Object procedure = lisp.isBound(name) ? lisp.lookupLisp(name) : null;
    if (!(procedure instanceof Procedure)) {
      throw new NoSuchMethodException("no global procedure named " + name);
    }
    try {
      return Values.toJava(lisp.callHere(procedure, args));
    } catch (LispError e) {
      throw scriptException(e);
    }
  }

  @Override
  public Object invokeMethod(Object thiz, String name, Object... args)
      throws ScriptException, NoSuchMethodException {
    if (thiz == null) {
      throw new IllegalArgumentException("invokeMethod: the object is null");
    }
    Object[] all = new Object[args.length + 1];
    all[0] = thiz;
    System.arraycopy(args, 0, all, 1, args.length);
    return invokeFunction(name, all);
  }

  @Override
  public <T> T getInterface(Class<T> type) {
    return proxy(type, null);
  }

  @Override
  public <T> T getInterface(Object thiz, Class<T> type) {
    if (thiz == null) {
      throw new IllegalArgumentException("getInterface: the object is null");
    }
    return proxy(type, thiz);
  }

  /** An implementation of {@code type} whose methods call the globals of the same names. */
  private <T> T proxy(Class<T> type, Object thiz) {
    if (type == null || !type.isInterface()) {
      throw new IllegalArgumentException("getInterface: expected an interface, got " + type);
    }
    for (Method m : type.getMethods()) {
      if (!lisp.isBound(m.getName()) || !(lisp.lookupLisp(m.getName()) instanceof Procedure)) {
        return null; // as the JSR-223 contract says when a method has no implementation
      }
    }
    Object p =
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> {
              Object[] a = args == null ? new Object[0] : args;
              Object result =
                  thiz == null
                      ? invokeFunction(method.getName(), a)
                      : invokeMethod(thiz, method.getName(), a);
              return JavaResults.convert(result, method.getReturnType());
            });
    return type.cast(p);
  }

  // ---- lifecycle and helpers ----------------------------------------------------------------

  /** Stops the runtime of this engine. */
  @Override
  public void close() {
    lisp.close();
  }

  private static String fileName(ScriptContext ctx) {
    Object name = ctx.getAttribute(ScriptEngine.FILENAME);
    return name != null ? name.toString() : "script";
  }

  private static String readAll(Reader reader) throws ScriptException {
    try {
      StringBuilder out = new StringBuilder();
      char[] buf = new char[8192];
      for (int n; (n = reader.read(buf)) > 0; ) {
        out.append(buf, 0, n);
      }
      return out.toString();
    } catch (IOException e) {
      throw (ScriptException) new ScriptException(e.getMessage()).initCause(e);
    }
  }

  private static ScriptException scriptException(LispError e) {
    Object payload = e.payload();
    ScriptException s;
    if (payload instanceof ErrorObject error && error.pos() != null) {
      s =
          new ScriptException(
              messageOf(error), error.pos().file(), error.pos().line(), error.pos().column());
    } else {
      String message =
          payload instanceof ErrorObject error ? messageOf(error) : Errors.report(payload);
      s = new ScriptException(message);
    }
    s.initCause(e);
    return s;
  }

  /** The error's message and irritants, without the position (ScriptException adds it). */
  private static String messageOf(ErrorObject error) {
    ErrorObject copy = new ErrorObject(error.message(), error.irritants());
    return Errors.report(copy);
  }
}
