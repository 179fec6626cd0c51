package org.omnilisp.http;

import org.omnilisp.fibers.FiberRuntime;
import org.omnilisp.fibers.RuntimeModule;

/**
 * Installs {@code http-serve}, {@code http-server-port}, {@code http-stop}, {@code http-request}
 * and {@code http-get} (LANGUAGE.md §13) into every runtime that has this jar on its class path
 * (found through {@code META-INF/services}). Nothing of Pekko HTTP loads until a script uses it.
 */
public final class HttpModule implements RuntimeModule {
  @Override
  public void install(FiberRuntime runtime) {
    HttpPrimitives.install(new HttpEngine(runtime));
  }
}
