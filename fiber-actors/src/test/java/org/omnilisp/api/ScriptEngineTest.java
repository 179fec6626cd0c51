package org.omnilisp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.script.Bindings;
import javax.script.Compilable;
import javax.script.CompiledScript;
import javax.script.Invocable;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** JSR-223 (LANGUAGE.md §15): found by name and extension, bindings are globals, Invocable. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScriptEngineTest {
  private ScriptEngine engine;

  @BeforeEach
  void start() {
    engine = new ScriptEngineManager().getEngineByName("omnilisp");
    assertNotNull(engine, "no engine named omnilisp");
  }

  @AfterEach
  void stop() {
    ((OmniLispScriptEngine) engine).close();
  }

  @Test
  void foundByExtensionAndOtherName() {
    ScriptEngineManager manager = new ScriptEngineManager();
    assertInstanceOf(OmniLispScriptEngine.class, manager.getEngineByExtension("omni"));
    assertInstanceOf(OmniLispScriptEngine.class, manager.getEngineByName("omni"));
    assertEquals("OmniLisp", engine.getFactory().getLanguageName());
  }

  @Test
  void evaluatesToJavaValues() throws ScriptException {
    assertEquals(3L, engine.eval("(+ 1 2)"));
    assertEquals(List.of(1L, "a"), engine.eval("(list 1 \"a\")"));
    assertNull(engine.eval("(if false false)"));
  }

  @Test
  void bindingsAreGlobals() throws ScriptException {
    engine.put("x", 41);
    assertEquals(42L, engine.eval("(+ x 1)"));
    engine.eval("(define y (* x 2))");
    assertEquals(82L, engine.get("y"));
    assertTrue(engine.getBindings(ScriptContext.ENGINE_SCOPE).containsKey("y"));
    assertNull(engine.get("never-defined"));
  }

  @Test
  void otherBindingsAreDefinedBeforeAndReadBackAfter() throws ScriptException {
    Bindings b = engine.createBindings();
    b.put("n", 20);
    assertEquals(21L, engine.eval("(set! n (+ n 1)) n", b));
    assertEquals(21L, b.get("n"));
  }

  @Test
  void outputGoesToTheContextWriter() throws ScriptException {
    StringWriter out = new StringWriter();
    engine.getContext().setWriter(out);
    engine.eval("(println \"héllo \" (* 6 7)) (display \"😀\")");
    assertEquals("héllo 42\n😀", out.toString());
  }

  @Test
  void fibersRunUnderTheEngine() throws ScriptException {
    assertEquals(55L, engine.eval("(define c (chan)) (spawn (fiber (send c 55))) (recv c)"));
  }

  @Test
  void malformedSourceGivesLineAndColumn() {
    ScriptException e = assertThrows(ScriptException.class, () -> engine.eval("(+ 1 2)\n  {oops}"));
    assertEquals(2, e.getLineNumber());
    assertEquals(3, e.getColumnNumber());
    assertTrue(e.getMessage().contains("braces are reserved"), e.getMessage());
  }

  @Test
  void runtimeErrorsAreScriptExceptionsWithTheLispMessage() {
    ScriptException e = assertThrows(ScriptException.class, () -> engine.eval("(car 42)"));
    assertTrue(e.getMessage().startsWith("car: expected a pair, got 42"), e.getMessage());
    assertInstanceOf(LispError.class, e.getCause());
  }

  /** A Java view of procedures a script defines. */
  public interface Geometry {
    long area(long w, long h);

    int perimeter(int w, int h);
  }

  @Test
  void invocable() throws Exception {
    engine.eval(
        "(define (square x) (* x x)) (define (area w h) (* w h)) (define (perimeter w h) (* 2 (+ w h)))");
    Invocable inv = (Invocable) engine;
    assertEquals(49L, inv.invokeFunction("square", 7));
    assertEquals(12L, inv.invokeMethod(3, "area", 4));
    assertThrows(NoSuchMethodException.class, () -> inv.invokeFunction("nope"));
    Geometry g = inv.getInterface(Geometry.class);
    assertEquals(6L, g.area(2, 3));
    assertEquals(10, g.perimeter(2, 3));
    ScriptException e =
        assertThrows(ScriptException.class, () -> inv.invokeFunction("square", "a"));
    assertTrue(e.getMessage().contains("*"), e.getMessage());
  }

  @Test
  void getInterfaceIsNullWhenAMethodIsMissing() {
    assertNull(((Invocable) engine).getInterface(Geometry.class));
  }

  @Test
  void compilable() throws ScriptException {
    CompiledScript twice = ((Compilable) engine).compile("(* n 2)");
    engine.put("n", 21);
    assertEquals(42L, twice.eval());
    engine.put("n", 5);
    assertEquals(10L, twice.eval());
    assertThrows(ScriptException.class, () -> ((Compilable) engine).compile("(car"));
  }
}
