package org.omnilisp.builtins;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Map;
import org.omnilisp.lang.Dict;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispArray;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Numbers;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Symbol;

/**
 * {@code (json-parse string)} and {@code (json->string value)} on Jackson's streaming parser and
 * generator. Objects are dicts with string keys (in document order), arrays are arrays, null is
 * {@code nothing}, true/false are booleans, integers are exact (big ones too), other numbers are
 * floats. Writing also takes symbols (as strings, also as dict keys) and lists (as arrays).
 */
final class JsonPrimitives {
  /** Jackson's factory is immutable once built and safe to share between threads. */
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  /** Deeper data is refused when writing, as Jackson's parser refuses it when reading. */
  private static final int MAX_DEPTH = 1000;

  private JsonPrimitives() {}

  static void install(Builtins b) {
    b.def1("json-parse", x -> parse(Args.string("json-parse", x)));
    b.def1("json->string", JsonPrimitives::write);
  }

  private static Object parse(String text) {
    try (JsonParser p = FACTORY.createParser(text)) {
      ArrayDeque<Object> open = new ArrayDeque<>();
      ArrayDeque<String> keys = new ArrayDeque<>();
      JsonToken t = p.nextToken();
      if (t == null) {
        throw Errors.error("json-parse: no JSON value in " + Errors.describe(text));
      }
      while (true) {
        if (t == null) {
          throw Errors.error("json-parse: unexpected end of input in " + Errors.describe(text));
        }
        Object value;
        switch (t) {
          case START_OBJECT -> {
            open.push(new Dict());
            t = p.nextToken();
            continue;
          }
          case START_ARRAY -> {
            open.push(new LispArray());
            t = p.nextToken();
            continue;
          }
          case FIELD_NAME -> {
            keys.push(p.currentName());
            t = p.nextToken();
            continue;
          }
          case END_OBJECT, END_ARRAY -> value = open.pop();
          case VALUE_STRING -> value = p.getText();
          case VALUE_NUMBER_INT -> value = integer(p);
          case VALUE_NUMBER_FLOAT -> value = p.getDoubleValue();
          case VALUE_TRUE -> value = Boolean.TRUE;
          case VALUE_FALSE -> value = Boolean.FALSE;
          case VALUE_NULL -> value = Nothing.NOTHING;
          default ->
              throw Errors.error("json-parse: unexpected " + t + " in " + Errors.describe(text));
        }
        if (open.isEmpty()) {
          if (p.nextToken() != null) {
            throw Errors.error(
                "json-parse: unexpected data after the value at " + where(p.currentLocation()));
          }
          return value;
        }
        if (open.peek() instanceof Dict d) {
          d.map.put(keys.pop(), value);
        } else {
          ((LispArray) open.peek()).items.add(value);
        }
        t = p.nextToken();
      }
    } catch (JsonProcessingException e) {
      throw Errors.error("json-parse: " + e.getOriginalMessage() + " at " + where(e.getLocation()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object integer(JsonParser p) throws IOException {
    return switch (p.getNumberType()) {
      case INT, LONG -> p.getLongValue();
      default -> Numbers.normalize(p.getBigIntegerValue());
    };
  }

  private static String where(JsonLocation at) {
    return at == null ? "?" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  private static Object write(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, value, 0);
    } catch (LispThrow e) {
      throw e;
    } catch (IOException e) {
      throw Errors.error("json->string: " + e.getMessage());
    }
    return out.toString();
  }

  private static void write(JsonGenerator g, Object x, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw Errors.error("json->string: data nested deeper than " + MAX_DEPTH);
    }
    if (x == Nothing.NOTHING) {
      g.writeNull();
    } else if (x instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (x instanceof Long n) {
      g.writeNumber(n);
    } else if (x instanceof BigInteger n) {
      g.writeNumber(n);
    } else if (x instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        throw Errors.error("json->string: JSON has no number " + Errors.describe(x));
      }
      g.writeNumber(d);
    } else if (Numbers.isNumber(x)) {
      g.writeNumber(Numbers.toDouble(x));
    } else if (x instanceof String s) {
      g.writeString(s);
    } else if (x instanceof Symbol s) {
      g.writeString(s.name());
    } else if (x instanceof Dict d) {
      g.writeStartObject();
      for (Map.Entry<Object, Object> e : d.map.entrySet()) {
        g.writeFieldName(key(e.getKey()));
        write(g, e.getValue(), depth + 1);
      }
      g.writeEndObject();
    } else if (x instanceof LispArray a) {
      g.writeStartArray();
      for (Object item : a.items) {
        write(g, item, depth + 1);
      }
      g.writeEndArray();
    } else if (x == Nil.NIL || x instanceof Pair) {
      Args.list("json->string", x);
      g.writeStartArray();
      for (Object cur = x; cur instanceof Pair p; cur = p.cdr) {
        write(g, p.car, depth + 1);
      }
      g.writeEndArray();
    } else {
      throw Errors.error("json->string: cannot convert " + Errors.describe(x) + " to JSON");
    }
  }

  private static String key(Object k) {
    if (k instanceof String s) {
      return s;
    }
    if (k instanceof Symbol s) {
      return s.name();
    }
    throw Errors.wrongType("json->string", "a string or symbol as an object key", k);
  }
}
