package org.omnilisp.cluster;

import java.math.BigInteger;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.ByteBufferSerializer;
import org.apache.pekko.serialization.JSerializer;
import org.omnilisp.cluster.Messages.ChannelRef;
import org.omnilisp.cluster.Messages.Reply;
import org.omnilisp.cluster.Messages.Request;
import org.omnilisp.lang.Bytevector;
import org.omnilisp.lang.Dict;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.LispArray;
import org.omnilisp.lang.LispChar;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Symbol;

/**
 * The binary form of {@link Messages} and the wire values inside them: one tag byte per value,
 * lists written as a count, their items and their tail (no recursion along a long list), actor
 * references in Pekko's serialization format. Artery hands it its pooled envelope buffer ({@link
 * ByteBufferSerializer}), so a message costs no byte array on either side; the references' bytes
 * are cached, since every request carries its proxy's.
 */
public final class WireSerializer extends JSerializer implements ByteBufferSerializer {
  private static final int REQUEST = 1;
  private static final int REPLY = 2;
  private static final int SPAWN = 3;
  private static final int CANCEL = 4;
  private static final int SPAWNED = 5;
  private static final int ENDED = 6;

  private static final int ABSENT = 0;
  private static final int FIXNUM = 1;
  private static final int BIGNUM = 2;
  private static final int FLONUM = 3;
  private static final int STRING = 4;
  private static final int TRUE = 5;
  private static final int FALSE = 6;
  private static final int CHAR = 7;
  private static final int SYMBOL = 8;
  private static final int NIL = 9;
  private static final int NOTHING = 10;
  private static final int LIST = 11;
  private static final int ARRAY = 12;
  private static final int DICT = 13;
  private static final int ERROR = 14;
  private static final int CHANNEL = 15;
  private static final int BYTES = 16;

  /** Refs are written often (every request names its proxy): their bytes, made once each. */
  private final Map<ActorRef<?>, byte[]> refBytes = new ConcurrentHashMap<>();

  /** And read often: the reference of each form seen (Pekko's resolver parses the path). */
  private final Map<String, ActorRef<?>> refs = new ConcurrentHashMap<>();

  /** A bound on each cache: past it, the cache starts again (refs of stopped actors go too). */
  private static final int CACHE_MAX = 4096;

  private final ActorRefResolver resolver;

  public WireSerializer(ExtendedActorSystem system) {
    this.resolver = ActorRefResolver.get(Adapter.toTyped(system));
  }

  @Override
  public int identifier() {
    return 7411;
  }

  @Override
  public boolean includeManifest() {
    return false;
  }

  /** Artery's path: straight into its pooled envelope buffer, no array per message. */
  @Override
  public void toBinary(Object o, ByteBuffer out) {
    ByteOrder order = out.order(); // Artery's buffers are little-endian; the format is big-endian
    out.order(ByteOrder.BIG_ENDIAN);
    try {
      write(o, out);
    } finally {
      out.order(order);
    }
  }

  private void write(Object o, ByteBuffer out) {
    if (o instanceof Request r) {
      out.put((byte) REQUEST);
      out.put((byte) r.kind());
      out.putLong(r.op());
      writeRef(out, r.replyTo());
      writeValue(out, r.value());
    } else if (o instanceof Reply r) {
      out.put((byte) REPLY);
      out.putLong(r.op());
      out.put((byte) r.outcome());
      writeValue(out, r.value());
    } else if (o instanceof Messages.SpawnRequest r) {
      out.put((byte) SPAWN);
      out.putLong(r.id());
      writeString(out, r.name());
      writeRef(out, r.replyTo());
      writeValue(out, r.args());
    } else if (o instanceof Messages.CancelRequest r) {
      out.put((byte) CANCEL);
      out.putLong(r.id());
      writeRef(out, r.replyTo());
    } else if (o instanceof Messages.Spawned r) {
      out.put((byte) SPAWNED);
      out.putLong(r.id());
      writeValue(out, r.error());
    } else if (o instanceof Messages.FiberEnded r) {
      out.put((byte) ENDED);
      out.putLong(r.id());
      out.put((byte) (r.ok() ? 1 : 0));
      writeValue(out, r.value());
    } else {
      throw new IllegalArgumentException("omni-wire: cannot serialize " + o.getClass());
    }
  }

  /** Other paths (serialization checks, other transports): the same bytes in an array. */
  @Override
  public byte[] toBinary(Object o) {
    for (int size = 256; ; size *= 4) {
      ByteBuffer buffer = ByteBuffer.allocate(size);
      try {
        toBinary(o, buffer);
      } catch (BufferOverflowException tooSmall) {
        continue;
      }
      byte[] bytes = new byte[buffer.position()];
      buffer.flip().get(bytes);
      return bytes;
    }
  }

  @Override
  public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
    return fromBinary(ByteBuffer.wrap(bytes), "");
  }

  @Override
  public Object fromBinary(ByteBuffer in, String manifest) {
    ByteOrder order = in.order();
    in.order(ByteOrder.BIG_ENDIAN);
    try {
      return read(in);
    } finally {
      in.order(order);
    }
  }

  private Object read(ByteBuffer in) {
    int tag = in.get();
    switch (tag) {
      case REQUEST:
        {
          int kind = in.get();
          long op = in.getLong();
          ActorRef<Messages.ProxyEvent> replyTo = readRef(in);
          return new Request(kind, op, readValue(in), replyTo);
        }
      case REPLY:
        {
          long op = in.getLong();
          int outcome = in.get();
          return new Reply(op, outcome, readValue(in));
        }
      case SPAWN:
        {
          long id = in.getLong();
          String name = readString(in);
          ActorRef<Messages.FiberEvent> replyTo = readRef(in);
          return new Messages.SpawnRequest(id, name, readValue(in), replyTo);
        }
      case CANCEL:
        {
          long id = in.getLong();
          return new Messages.CancelRequest(id, readRef(in));
        }
      case SPAWNED:
        {
          long id = in.getLong();
          return new Messages.Spawned(id, readValue(in));
        }
      case ENDED:
        {
          long id = in.getLong();
          boolean ok = in.get() != 0;
          return new Messages.FiberEnded(id, ok, readValue(in));
        }
      default:
        throw new IllegalArgumentException("omni-wire: unknown message tag " + tag);
    }
  }

  private void writeRef(ByteBuffer out, ActorRef<?> ref) {
    byte[] b = refBytes.get(ref);
    if (b == null) {
      if (refBytes.size() >= CACHE_MAX) {
        refBytes.clear();
      }
      b = resolver.toSerializationFormat(ref).getBytes(StandardCharsets.UTF_8);
      refBytes.put(ref, b);
    }
    out.putInt(b.length);
    out.put(b);
  }

  @SuppressWarnings("unchecked")
  private <T> ActorRef<T> readRef(ByteBuffer in) {
    String form = readString(in);
    ActorRef<?> ref = refs.get(form);
    if (ref == null) {
      if (refs.size() >= CACHE_MAX) {
        refs.clear();
      }
      ref = resolver.resolveActorRef(form);
      refs.put(form, ref);
    }
    return (ActorRef<T>) ref;
  }

  private static void writeString(ByteBuffer out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.putInt(b.length);
    out.put(b);
  }

  private static String readString(ByteBuffer in) {
    byte[] b = new byte[in.getInt()];
    in.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private void writeValue(ByteBuffer out, Object v) {
    if (v == null) {
      out.put((byte) ABSENT);
    } else if (v instanceof Long n) {
      out.put((byte) FIXNUM);
      out.putLong(n);
    } else if (v instanceof BigInteger b) {
      out.put((byte) BIGNUM);
      byte[] bytes = b.toByteArray();
      out.putInt(bytes.length);
      out.put(bytes);
    } else if (v instanceof Double d) {
      out.put((byte) FLONUM);
      out.putDouble(d);
    } else if (v instanceof String s) {
      out.put((byte) STRING);
      writeString(out, s);
    } else if (v instanceof Boolean b) {
      out.put((byte) (b ? TRUE : FALSE));
    } else if (v instanceof LispChar c) {
      out.put((byte) CHAR);
      out.putInt(c.codePoint());
    } else if (v instanceof Symbol s) {
      out.put((byte) SYMBOL);
      writeString(out, s.name());
    } else if (v == Nil.NIL) {
      out.put((byte) NIL);
    } else if (v == Nothing.NOTHING) {
      out.put((byte) NOTHING);
    } else if (v instanceof Pair) {
      List<Object> items = new ArrayList<>();
      Object cur = v;
      for (; cur instanceof Pair p; cur = p.cdr) {
        items.add(p.car);
      }
      out.put((byte) LIST);
      out.putInt(items.size());
      for (Object x : items) {
        writeValue(out, x);
      }
      writeValue(out, cur);
    } else if (v instanceof LispArray a) {
      out.put((byte) ARRAY);
      out.putInt(a.items.size());
      for (Object x : a.items) {
        writeValue(out, x);
      }
    } else if (v instanceof Dict d) {
      out.put((byte) DICT);
      out.putInt(d.map.size());
      for (Map.Entry<Object, Object> e : d.map.entrySet()) {
        writeValue(out, e.getKey());
        writeValue(out, e.getValue());
      }
    } else if (v instanceof ErrorObject e) {
      out.put((byte) ERROR);
      writeString(out, e.message());
      writeValue(out, e.irritants());
    } else if (v instanceof ChannelRef c) {
      out.put((byte) CHANNEL);
      writeRef(out, c.exporter());
      out.putLong(c.id());
      out.putInt(c.capacity());
    } else if (v instanceof Bytevector b) {
      out.put((byte) BYTES);
      out.putInt(b.bytes.length);
      out.put(b.bytes);
    } else {
      throw new IllegalArgumentException("omni-wire: not a wire value: " + v.getClass());
    }
  }

  private Object readValue(ByteBuffer in) {
    int tag = in.get();
    switch (tag) {
      case ABSENT:
        return null;
      case FIXNUM:
        return in.getLong();
      case BIGNUM:
        {
          byte[] b = new byte[in.getInt()];
          in.get(b);
          return new BigInteger(b);
        }
      case FLONUM:
        return in.getDouble();
      case STRING:
        return readString(in);
      case TRUE:
        return Boolean.TRUE;
      case FALSE:
        return Boolean.FALSE;
      case CHAR:
        return LispChar.of(in.getInt());
      case SYMBOL:
        return Symbol.of(readString(in));
      case NIL:
        return Nil.NIL;
      case NOTHING:
        return Nothing.NOTHING;
      case LIST:
        {
          int n = in.getInt();
          Object[] items = new Object[n];
          for (int i = 0; i < n; i++) {
            items[i] = readValue(in);
          }
          Object tail = readValue(in);
          for (int i = n - 1; i >= 0; i--) {
            tail = new Pair(items[i], tail);
          }
          return tail;
        }
      case ARRAY:
        {
          int n = in.getInt();
          List<Object> items = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            items.add(readValue(in));
          }
          return new LispArray(items);
        }
      case DICT:
        {
          int n = in.getInt();
          Dict d = new Dict();
          for (int i = 0; i < n; i++) {
            Object k = readValue(in);
            d.map.put(k, readValue(in));
          }
          return d;
        }
      case ERROR:
        {
          String message = readString(in);
          return new ErrorObject(message, readValue(in));
        }
      case CHANNEL:
        {
          ActorRef<Messages.ExporterCommand> ref = readRef(in);
          return new ChannelRef(ref, in.getLong(), in.getInt());
        }
      case BYTES:
        {
          byte[] b = new byte[in.getInt()];
          in.get(b);
          return new Bytevector(b);
        }
      default:
        throw new IllegalArgumentException("omni-wire: unknown value tag " + tag);
    }
  }
}
