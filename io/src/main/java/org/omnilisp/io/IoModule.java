package org.omnilisp.io;

import org.omnilisp.interp.Interpreter;

/**
 * Installs parking I/O into an interpreter hosted by a fiber runtime: blocking file work moves to
 * {@code omni.io-dispatcher}, and the TCP and process procedures of LANGUAGE.md §13 appear.
 */
public final class IoModule {
  private IoModule() {}

  public static void install(Interpreter interp, IoRuntime runtime) {
    PekkoIoSupport io = new PekkoIoSupport(runtime);
    interp.setIo(io);
    TcpPrimitives.install(interp, runtime, io);
    ProcessPrimitives.install(interp);
  }
}
