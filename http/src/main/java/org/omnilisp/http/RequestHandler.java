package org.omnilisp.http;

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

  private final transient HttpEngine engine;
  private final transient Procedure handler;

  RequestHandler(HttpEngine engine, Procedure handler) {
    this.engine = engine;
    this.handler = handler;
  }

  @Override
  public CompletionStage<HttpResponse> apply(HttpRequest request) {
    HttpEngine.Parts parts = engine.parts();
    return request
        .entity()
        .toStrict(parts.bodyTimeoutMillis(), parts.materializer())
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
