package org.omnilisp.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.omnilisp.lang.Printable;
import org.omnilisp.machine.Owned;

/**
 * A running {@code http-serve}: the Lisp value {@code #<http-server 127.0.0.1:PORT>}. While it is
 * open it counts as a wait on the world for the deadlock detector (a request may come in and wake
 * someone).
 *
 * <p>Stopping. Pekko's {@code terminate} lets a request finish while its handler still runs, but a
 * response that has just left the handler and is not yet written can be lost when it closes the
 * connection (a reset on the client). So the server counts its own requests in flight: {@code stop}
 * closes the port at once ({@code unbind}), answers any later request on a kept-alive connection
 * with a 503 and {@code Connection: close}, and calls {@code terminate} (which closes the idle
 * connections) only once no request is in flight and the last response had {@link #FLUSH_MILLIS} to
 * be written.
 */
final class HttpServer extends Owned implements Printable {
  static final long FLUSH_MILLIS = 500;

  private final HttpEngine engine;
  private final ServerBinding binding;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicBoolean terminating = new AtomicBoolean();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile long lastAnswered =
      System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(FLUSH_MILLIS);
  private final CompletableFuture<Object> terminateIssued = new CompletableFuture<>();

  HttpServer(HttpEngine engine, ServerBinding binding) {
    this.engine = engine;
    this.binding = binding;
    engine.fibers.ioStarted();
    engine.servers.add(this);
  }

  long port() {
    return binding.localAddress().getPort();
  }

  boolean isStopped() {
    return stopped.get();
  }

  void requestStarted() {
    inFlight.incrementAndGet();
  }

  void requestEnded() {
    lastAnswered = System.nanoTime();
    if (inFlight.decrementAndGet() == 0 && stopped.get()) {
      terminateSoon();
    }
  }

  /**
   * Stops listening; requests in flight go on to their end (within {@code
   * omni.http.stop-deadline}). Completes once the port is closed and, when no request is in flight,
   * the idle connections are being closed. Stopping a stopped server does nothing.
   */
  CompletionStage<?> stop() {
    if (!stopped.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(null);
    }
    engine.fibers.ioEnded();
    engine.servers.remove(this);
    return binding
        .unbind()
        .thenCompose(
            unbound -> {
              if (inFlight.get() == 0) {
                terminateSoon();
                return terminateIssued;
              }
              return CompletableFuture.completedFuture(null);
            });
  }

  private void terminateSoon() {
    if (inFlight.get() != 0 || !terminating.compareAndSet(false, true)) {
      return;
    }
    long sinceAnswer = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastAnswered);
    CompletableFuture.delayedExecutor(
            Math.max(0, FLUSH_MILLIS - sinceAnswer), TimeUnit.MILLISECONDS)
        .execute(
            () ->
                binding
                    .terminate(engine.parts().stopDeadline())
                    .thenAccept(done -> {})
                    .exceptionally(e -> null));
    // a stop with nothing in flight returns once the idle connections are closed
    binding.whenTerminated().thenAccept(terminateIssued::complete);
  }

  @Override
  protected boolean held() {
    return !stopped.get();
  }

  /** The fiber that started it was canceled: stop as {@code http-stop} does, without waiting. */
  @Override
  protected void release() {
    stop();
  }

  @Override
  public String printForm() {
    String host = binding.localAddress().getAddress().getHostAddress();
    return "#<http-server " + host + ":" + port() + (stopped.get() ? " stopped>" : ">");
  }
}
