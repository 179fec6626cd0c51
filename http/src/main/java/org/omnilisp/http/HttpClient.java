package org.omnilisp.http;

import java.net.ConnectException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.Uri;
import org.omnilisp.fibers.StageOp;
import org.omnilisp.lang.Dict;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Symbol;
import org.omnilisp.machine.ParkOp;

/**
 * {@code (http-request method url [body [headers]])}: the request is checked and built on the
 * caller's side (bad arguments raise at once), then sent through Pekko's pooled client; the caller
 * parks until the whole response has arrived and becomes {@code #{status 200 headers #{...} body
 * "..."}}. A canceled caller withdraws: the response, when it comes, is read and dropped.
 */
final class HttpClient {
  private final HttpEngine engine;

  HttpClient(HttpEngine engine) {
    this.engine = engine;
  }

  ParkOp request(String op, Object method, Object url, Object body, Object headers) {
    HttpRequest request = build(op, method, url, body, headers);
    Uri uri = request.getUri();
    String target = uri.host().address() + ":" + uri.port();
    return new StageOp(
        engine.fibers,
        op + " " + request.method().value() + " " + url,
        () -> send(request),
        failure -> error(op, target, failure),
        dropped -> {});
  }

  private CompletionStage<Dict> send(HttpRequest request) {
    HttpEngine.Parts parts = engine.parts();
    return attempt(request, parts)
        .exceptionallyCompose(
            failure ->
                closedBeforeAnswer(failure)
                    ? attempt(request, parts)
                    : java.util.concurrent.CompletableFuture.failedFuture(failure))
        .thenCompose(response -> read(response, parts));
  }

  private static CompletionStage<HttpResponse> attempt(
      HttpRequest request, HttpEngine.Parts parts) {
    return parts
        .http()
        .singleRequest(
            request,
            parts.http().defaultClientHttpsContext(),
            parts.pool(),
            parts.system().classicSystem().log());
  }

  /**
   * A kept-alive connection that the server closed (it stopped, or timed the connection out) while
   * the pool still held it: the request got no answer at all. Pekko tries such a request again only
   * when its method is idempotent; like browsers, this client tries any request once more, on a new
   * connection.
   */
  private static boolean closedBeforeAnswer(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String text = String.valueOf(t.getMessage());
      if (text.contains("The connection closed") || text.contains("Connection reset")) {
        return true;
      }
    }
    return false;
  }

  private static CompletionStage<Dict> read(HttpResponse response, HttpEngine.Parts parts) {
    CompletionStage<org.apache.pekko.http.javadsl.model.HttpEntity.Strict> whole =
        response.entity() instanceof org.apache.pekko.http.javadsl.model.HttpEntity.Strict strict
            ? java.util.concurrent.CompletableFuture.completedFuture(strict)
            : response.entity().toStrict(parts.bodyTimeoutMillis(), parts.materializer());
    return whole.thenApply(
        body -> {
          Dict d = new Dict();
          d.map.put(Messages.STATUS, (long) response.status().intValue());
          d.map.put(Messages.HEADERS, Messages.headerDict(response.getHeaders(), body));
          d.map.put(Messages.BODY, Messages.body(body));
          return d;
        });
  }

  private static HttpRequest build(
      String op, Object method, Object url, Object body, Object headers) {
    String name = method instanceof String s ? s : method instanceof Symbol sym ? sym.name() : null;
    if (name == null) {
      throw Errors.wrongType(op, "a method name string", method);
    }
    Optional<HttpMethod> m = HttpMethods.lookup(name.toUpperCase(Locale.ROOT));
    if (m.isEmpty()) {
      throw Errors.error(op + ": unknown method: " + Errors.describe(method));
    }
    if (!(url instanceof String text)) {
      throw Errors.wrongType(op, "a URL string", url);
    }
    Uri uri;
    try {
      uri = Uri.create(text);
    } catch (RuntimeException e) {
      throw Errors.error(op + ": bad URL: " + Errors.describe(url));
    }
    if (!uri.isAbsolute() || !(uri.scheme().equals("http") || uri.scheme().equals("https"))) {
      throw Errors.wrongType(op, "an absolute http:// or https:// URL", url);
    }
    Messages.Outgoing out = Messages.outgoing(op, headers);
    byte[] bytes = Messages.bodyBytes(op, body, out.contentType());
    HttpRequest request =
        HttpRequest.create().withMethod(m.get()).withUri(uri).addHeaders(out.headers());
    return bytes.length == 0 && body == org.omnilisp.lang.Nothing.NOTHING
        ? request
        : request.withEntity(HttpEntities.create(out.contentType(), bytes));
  }

  /** {@code http-get: connection refused: 127.0.0.1:PORT}, or the failure in words. */
  private static Object error(String op, String target, Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String text = String.valueOf(t.getMessage());
      if (t instanceof ConnectException || text.contains("Connection refused")) {
        return new ErrorObject(op + ": connection refused: " + target).withCause(failure);
      }
    }
    String text = failure.getMessage() != null ? failure.getMessage() : failure.toString();
    return new ErrorObject(op + ": " + text).withCause(failure);
  }
}
