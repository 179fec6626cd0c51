package org.omnilisp.http;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.omnilisp.lang.Printable;

/**
 * A running {@code http-serve}: the Lisp value {@code #<http-server 127.0.0.1:PORT>}. While it is
 * open it counts as a wait on the world for the deadlock detector (a request may come in and wake
 * someone).
 */
final class HttpServer implements Printable {
  private final HttpEngine engine;
  private final ServerBinding binding;
  private final AtomicBoolean stopped = new AtomicBoolean();

  HttpServer(HttpEngine engine, ServerBinding binding) {
    this.engine = engine;
    this.binding = binding;
    engine.fibers.ioStarted();
    engine.servers.add(this);
  }

  long port() {
    return binding.localAddress().getPort();
  }

  /**
   * Stops listening; requests in flight go on to their end (within {@code
   * omni.http.stop-deadline}), idle connections close, and a new request on a kept-alive connection
   * gets a 503. Completes once the port is closed. Stopping a stopped server does nothing.
   */
  CompletionStage<?> stop() {
    if (!stopped.compareAndSet(false, true)) {
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    }
    engine.fibers.ioEnded();
    engine.servers.remove(this);
    binding.terminate(engine.parts().stopDeadline());
    return binding.whenTerminationSignalIssued();
  }

  @Override
  public String printForm() {
    String host = binding.localAddress().getAddress().getHostAddress();
    return "#<http-server " + host + ":" + port() + (stopped.get() ? " stopped>" : ">");
  }
}
