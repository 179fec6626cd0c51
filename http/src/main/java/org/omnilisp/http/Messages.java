package org.omnilisp.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.omnilisp.lang.Dict;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Symbol;

/**
 * Headers and bodies between Pekko HTTP and Lisp: header dicts have lowercase string names (several
 * headers of one name are joined with {@code ", "}), bodies are strings decoded with the message's
 * charset (UTF-8 when it names none). Pekko keeps {@code Content-Type} and {@code Content-Length}
 * on the entity, not among the headers; the dicts show them as headers, as they came on the wire.
 */
final class Messages {
  static final Symbol METHOD = Symbol.of("method");
  static final Symbol PATH = Symbol.of("path");
  static final Symbol QUERY = Symbol.of("query");
  static final Symbol HEADERS = Symbol.of("headers");
  static final Symbol BODY = Symbol.of("body");
  static final Symbol STATUS = Symbol.of("status");

  /**
   * {@code text/plain; charset=utf-8}, written as LANGUAGE.md (and Go, and most servers) write it:
   * Pekko's registered charset would render as {@code UTF-8}.
   */
  static final ContentType TEXT_UTF8 =
      ContentTypes.create(
          MediaTypes.TEXT_PLAIN,
          org.apache.pekko.http.scaladsl.model.HttpCharset$.MODULE$.custom(
              "utf-8", scala.jdk.javaapi.CollectionConverters.asScala(List.<String>of()).toList()));

  private Messages() {}

  /** The header dict of a message whose entity has been read in full. */
  static Dict headerDict(Iterable<HttpHeader> headers, HttpEntity.Strict entity) {
    Dict d = new Dict();
    for (HttpHeader h : headers) {
      if (h.renderInRequests() || h.renderInResponses()) {
        d.map.merge(h.lowercaseName(), h.value(), (a, b) -> a + ", " + b);
      }
    }
    if (!entity.getContentType().equals(ContentTypes.NO_CONTENT_TYPE)) {
      d.map.put("content-type", contentTypeText(entity.getContentType()));
    }
    if (!entity.isKnownEmpty() || d.map.containsKey("content-type")) {
      d.map.put("content-length", Long.toString(entity.getData().size()));
    }
    return d;
  }

  /** A content type as text, its charset name in lower case ({@code charset=utf-8}). */
  private static String contentTypeText(ContentType type) {
    String text = type.value();
    return type.getCharsetOption()
        .map(
            c ->
                text.replace(
                    "charset=" + c.value(), "charset=" + c.value().toLowerCase(Locale.ROOT)))
        .orElse(text);
  }

  static String body(HttpEntity.Strict entity) {
    Charset charset =
        entity
            .getContentType()
            .getCharsetOption()
            .map(c -> c.nioCharset())
            .orElse(StandardCharsets.UTF_8);
    return entity.getData().decodeString(charset);
  }

  /** Headers a script gives (a dict of string names and string values), checked. */
  record Outgoing(List<HttpHeader> headers, ContentType contentType) {}

  /**
   * Reads a header dict ({@code nothing}: none). {@code Content-Type} becomes the entity's content
   * type ({@code text/plain; charset=utf-8} when not given); {@code Content-Length} and {@code
   * Transfer-Encoding} are left to Pekko, which computes them.
   */
  static Outgoing outgoing(String op, Object headers) {
    List<HttpHeader> list = new ArrayList<>();
    ContentType type = TEXT_UTF8;
    if (headers == Nothing.NOTHING) {
      return new Outgoing(list, type);
    }
    if (!(headers instanceof Dict d)) {
      throw Errors.wrongType(op, "a dict of headers", headers);
    }
    for (Map.Entry<Object, Object> e : d.map.entrySet()) {
      String name = headerName(op, e.getKey());
      if (!(e.getValue() instanceof String value)) {
        throw Errors.wrongType(op, "a string value for header \"" + name + "\"", e.getValue());
      }
      switch (name.toLowerCase(Locale.ROOT)) {
        case "content-type" -> type = contentType(op, value);
        case "content-length", "transfer-encoding" -> {}
        default -> list.add(RawHeader.create(name, value));
      }
    }
    return new Outgoing(list, type);
  }

  private static String headerName(String op, Object key) {
    if (key instanceof String s && !s.isEmpty()) {
      return s;
    }
    if (key instanceof Symbol s) {
      return s.name();
    }
    throw Errors.wrongType(op, "a string header name", key);
  }

  private static ContentType contentType(String op, String value) {
    try {
      return ContentTypes.parse(value);
    } catch (RuntimeException e) {
      throw Errors.error(op + ": bad content-type header: \"" + value + "\"");
    }
  }

  /** A body given by a script: a string ({@code nothing}: empty), encoded in the content type. */
  static byte[] bodyBytes(String op, Object body, ContentType type) {
    if (body == Nothing.NOTHING) {
      return new byte[0];
    }
    if (body instanceof String s) {
      Charset charset =
          type.getCharsetOption().map(c -> c.nioCharset()).orElse(StandardCharsets.UTF_8);
      return s.getBytes(charset);
    }
    if (body instanceof org.omnilisp.lang.Bytevector b) {
      return b.bytes.clone();
    }
    throw Errors.wrongType(op, "a string body", body);
  }
}
