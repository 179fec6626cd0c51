package org.omnilisp.fibers;

/**
 * An add-on library (HTTP, I/O, ...) that installs its primitives into every runtime. Modules are
 * found with {@link java.util.ServiceLoader}: a jar names its implementation in {@code
 * META-INF/services/org.omnilisp.fibers.RuntimeModule}, so whoever puts the jar on the class path
 * (the runner, an embedding application) gets its procedures without this module depending on it.
 * {@link #install} runs in the runtime's constructor: it should only define procedures and start
 * nothing (the actor system starts later, on first use).
 */
public interface RuntimeModule {
  void install(FiberRuntime runtime);
}
