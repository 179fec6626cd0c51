package org.omnilisp.http;

import java.nio.charset.StandardCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.omnilisp.builtins.PredicatePrimitives;
import org.omnilisp.fibers.StageOp;
import org.omnilisp.lang.Dict;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Printer;

/**
 * What a handler's outcome becomes: a string is a 200 {@code text/plain; charset=utf-8} response; a
 * dict {@code #{status 201 headers #{...} body "..."}} says it all (status 200, no headers and an
 * empty body when left out); an error, or any other value, is a 500 whose body is the error
 * message.
 */
final class Responses {
  private Responses() {}

  /** The answer to a request that comes to a stopped server on a connection kept alive. */
  static final HttpResponse STOPPED =
      HttpResponse.create()
          .withStatus(StatusCodes.SERVICE_UNAVAILABLE)
          .addHeader(org.apache.pekko.http.javadsl.model.headers.Connection.create("close"))
          .withEntity(
              HttpEntities.create(
                  Messages.TEXT_UTF8, "the server is stopped".getBytes(StandardCharsets.UTF_8)));

  static HttpResponse of(Object value, Throwable failure) {
    if (failure != null) {
      return serverError(failure);
    }
    try {
      return fromValue(value);
    } catch (LispThrow t) {
      return serverError(t);
    }
  }

  private static HttpResponse fromValue(Object value) {
    if (value instanceof String s) {
      return HttpResponse.create()
          .withEntity(HttpEntities.create(Messages.TEXT_UTF8, s.getBytes(StandardCharsets.UTF_8)));
    }
    if (!(value instanceof Dict d)) {
      throw Errors.error(
          "http-serve: expected a string or a response dict from the handler, got "
              + PredicatePrimitives.typeName(value)
              + " "
              + Errors.describe(value));
    }
    Object status = d.map.getOrDefault(Messages.STATUS, 200L);
    if (!(status instanceof Long code) || code < 100 || code > 599) {
      throw Errors.wrongType("http-serve", "a status from 100 to 599", status);
    }
    Messages.Outgoing headers =
        Messages.outgoing("http-serve", d.map.getOrDefault(Messages.HEADERS, Nothing.NOTHING));
    byte[] body =
        Messages.bodyBytes(
            "http-serve",
            d.map.getOrDefault(Messages.BODY, Nothing.NOTHING),
            headers.contentType());
    return HttpResponse.create()
        .withStatus(code.intValue())
        .addHeaders(headers.headers())
        .withEntity(HttpEntities.create(headers.contentType(), body));
  }

  private static HttpResponse serverError(Throwable failure) {
    Throwable cause = StageOp.unwrap(failure);
    String message;
    if (cause instanceof LispThrow t) {
      message = t.payload() instanceof ErrorObject e ? e.message() : Printer.display(t.payload());
    } else {
      message = "http-serve: " + cause;
    }
    return HttpResponse.create()
        .withStatus(StatusCodes.INTERNAL_SERVER_ERROR)
        .withEntity(
            HttpEntities.create(Messages.TEXT_UTF8, message.getBytes(StandardCharsets.UTF_8)));
  }
}
