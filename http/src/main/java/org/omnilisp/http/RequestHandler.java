package org.omnilisp.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.japi.function.Function;
import org.omnilisp.lang.Dict;
import org.omnilisp.lang.Procedure;
import org.omnilisp.machine.Procedures;

/**
 * The server side of one request: read its body in full, make the request dict, run {@code (handler
 * request)} in a fiber of its own (spawned through the fiber runtime, so the handler may park like
 * any fiber), and turn what it returns or raises into the response.
 */
final class RequestHandler implements Function<HttpRequest, CompletionStage<HttpResponse>> {
  private static final long serialVersionUID = 1L;

  private static final org.apache.pekko.http.javadsl.model.HttpHeader CLOSE =
      org.apache.pekko.http.javadsl.model.headers.Connection.create("close");

  private final transient HttpEngine engine;
  private final transient Procedure handler;
  private final transient CompletableFuture<HttpServer> server = new CompletableFuture<>();

  RequestHandler(HttpEngine engine, Procedure handler) {
    this.engine = engine;
    this.handler = handler;
  }

  /** The server this handler serves, once bound. */
  void boundTo(HttpServer s) {
    server.complete(s);
  }

  @Override
  public CompletionStage<HttpResponse> apply(HttpRequest request) {
    HttpServer s = server.getNow(null);
    return s != null ? serve(s, request) : server.thenCompose(bound -> serve(bound, request));
  }

  /** Counted in flight from before the stopped check, so a stop never misses it. */
  private CompletionStage<HttpResponse> serve(HttpServer s, HttpRequest request) {
    s.requestStarted();
    if (s.isStopped()) {
      request.discardEntityBytes(engine.parts().materializer());
      s.requestEnded();
      return CompletableFuture.completedFuture(Responses.STOPPED);
    }
    // after a stop, the connection closes once its response is out (not reused by a client pool)
    return handle(request)
        .thenApply(response -> s.isStopped() ? response.addHeader(CLOSE) : response)
        .whenComplete((response, failure) -> s.requestEnded());
  }

  private CompletionStage<HttpResponse> handle(HttpRequest request) {
    HttpEngine.Parts parts = engine.parts();
    // a body that came whole (the usual case) needs no stream run to read it
    CompletionStage<HttpEntity.Strict> whole =
        request.entity() instanceof HttpEntity.Strict strict
            ? CompletableFuture.completedFuture(strict)
            : request.entity().toStrict(parts.bodyTimeoutMillis(), parts.materializer());
    return whole
        .thenCompose(
            body -> {
              Object[] args = {requestDict(request, body)};
              return engine.fibers.completion(engine.fibers.spawn(Procedures.thunk(handler, args)));
            })
        .handle(Responses::of);
  }

  /** {@code #{method "GET" path "/a/b" query "x=1" headers #{...} body "..."}}. */
  private static Dict requestDict(HttpRequest request, HttpEntity.Strict body) {
    Dict d = new Dict();
    d.map.put(Messages.METHOD, request.method().value());
    d.map.put(Messages.PATH, request.getUri().path());
    d.map.put(Messages.QUERY, request.getUri().rawQueryString().orElse(""));
    d.map.put(Messages.HEADERS, Messages.headerDict(request.getHeaders(), body));
    d.map.put(Messages.BODY, Messages.body(body));
    return d;
  }
}
