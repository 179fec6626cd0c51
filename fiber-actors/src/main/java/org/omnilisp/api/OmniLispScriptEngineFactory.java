package org.omnilisp.api;

import java.util.List;
import java.util.stream.Collectors;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;

/**
 * The JSR-223 factory: {@code new ScriptEngineManager().getEngineByName("omnilisp")} (also {@code
 * "omni"}, and by the extension {@code omni}). Registered in {@code
 * META-INF/services/javax.script.ScriptEngineFactory}; each engine is a runtime of its own.
 */
public final class OmniLispScriptEngineFactory implements ScriptEngineFactory {
  static final String LANGUAGE_VERSION = "R7RS-small+fibers";

  /** The factory that {@code ScriptEngineManager} finds (as a service) and asks for engines. */
  public OmniLispScriptEngineFactory() {}

  @Override
  public String getEngineName() {
    return "OmniLisp for the JVM";
  }

  @Override
  public String getEngineVersion() {
    String v = OmniLispScriptEngineFactory.class.getPackage().getImplementationVersion();
    return v != null ? v : "development build";
  }

  @Override
  public List<String> getExtensions() {
    return List.of("omni");
  }

  @Override
  public List<String> getMimeTypes() {
    return List.of("text/x-omnilisp");
  }

  @Override
  public List<String> getNames() {
    return List.of("omnilisp", "OmniLisp", "omni");
  }

  @Override
  public String getLanguageName() {
    return "OmniLisp";
  }

  @Override
  public String getLanguageVersion() {
    return LANGUAGE_VERSION;
  }

  @Override
  public Object getParameter(String key) {
    return switch (key) {
      case ScriptEngine.ENGINE -> getEngineName();
      case ScriptEngine.ENGINE_VERSION -> getEngineVersion();
      case ScriptEngine.NAME -> getNames().get(0);
      case ScriptEngine.LANGUAGE -> getLanguageName();
      case ScriptEngine.LANGUAGE_VERSION -> getLanguageVersion();
      // One engine may be used from many threads at once; globals are shared, as in Lisp.
      case "THREADING" -> "MULTITHREADED";
      default -> null;
    };
  }

  /** A method call in OmniLisp is a call of the global procedure with the object first. */
  @Override
  public String getMethodCallSyntax(String obj, String m, String... args) {
    StringBuilder out = new StringBuilder("(").append(m).append(' ').append(obj);
    for (String a : args) {
      out.append(' ').append(a);
    }
    return out.append(')').toString();
  }

  @Override
  public String getOutputStatement(String toDisplay) {
    String escaped = toDisplay.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    return "(display \"" + escaped + "\")";
  }

  @Override
  public String getProgram(String... statements) {
    return List.of(statements).stream().collect(Collectors.joining("\n"));
  }

  @Override
  public ScriptEngine getScriptEngine() {
    return new OmniLispScriptEngine(this);
  }
}
