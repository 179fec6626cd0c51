package org.omnilisp.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
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
 * references in Pekko's serialization format.
 */
public final class WireSerializer extends JSerializer {
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

  @Override
  public byte[] toBinary(Object o) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      if (o instanceof Request r) {
        out.writeByte(REQUEST);
        out.writeByte(r.kind());
        out.writeLong(r.op());
        writeRef(out, r.replyTo());
        writeValue(out, r.value());
      } else if (o instanceof Reply r) {
        out.writeByte(REPLY);
        out.writeLong(r.op());
        out.writeByte(r.outcome());
        writeValue(out, r.value());
      } else if (o instanceof Messages.SpawnRequest r) {
        out.writeByte(SPAWN);
        out.writeLong(r.id());
        writeString(out, r.name());
        writeRef(out, r.replyTo());
        writeValue(out, r.args());
      } else if (o instanceof Messages.CancelRequest r) {
        out.writeByte(CANCEL);
        out.writeLong(r.id());
        writeRef(out, r.replyTo());
      } else if (o instanceof Messages.Spawned r) {
        out.writeByte(SPAWNED);
        out.writeLong(r.id());
        writeValue(out, r.error());
      } else if (o instanceof Messages.FiberEnded r) {
        out.writeByte(ENDED);
        out.writeLong(r.id());
        out.writeBoolean(r.ok());
        writeValue(out, r.value());
      } else {
        throw new IllegalArgumentException("omni-wire: cannot serialize " + o.getClass());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int tag = in.readByte();
      if (tag == REQUEST) {
        int kind = in.readByte();
        long op = in.readLong();
        ActorRef<Messages.ProxyEvent> replyTo = readRef(in);
        return new Request(kind, op, readValue(in), replyTo);
      }
      if (tag == REPLY) {
        long op = in.readLong();
        int outcome = in.readByte();
        return new Reply(op, outcome, readValue(in));
      }
      switch (tag) {
        case SPAWN:
          {
            long id = in.readLong();
            String name = readString(in);
            ActorRef<Messages.FiberEvent> replyTo = readRef(in);
            return new Messages.SpawnRequest(id, name, readValue(in), replyTo);
          }
        case CANCEL:
          {
            long id = in.readLong();
            return new Messages.CancelRequest(id, readRef(in));
          }
        case SPAWNED:
          {
            long id = in.readLong();
            return new Messages.Spawned(id, readValue(in));
          }
        case ENDED:
          {
            long id = in.readLong();
            boolean ok = in.readBoolean();
            return new Messages.FiberEnded(id, ok, readValue(in));
          }
        default:
          throw new IllegalArgumentException("omni-wire: unknown message tag " + tag);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeRef(DataOutputStream out, ActorRef<?> ref) throws IOException {
    writeString(out, resolver.toSerializationFormat(ref));
  }

  private <T> ActorRef<T> readRef(DataInputStream in) throws IOException {
    return resolver.resolveActorRef(readString(in));
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private void writeValue(DataOutputStream out, Object v) throws IOException {
    if (v == null) {
      out.writeByte(ABSENT);
    } else if (v instanceof Long n) {
      out.writeByte(FIXNUM);
      out.writeLong(n);
    } else if (v instanceof BigInteger b) {
      out.writeByte(BIGNUM);
      byte[] bytes = b.toByteArray();
      out.writeInt(bytes.length);
      out.write(bytes);
    } else if (v instanceof Double d) {
      out.writeByte(FLONUM);
      out.writeDouble(d);
    } else if (v instanceof String s) {
      out.writeByte(STRING);
      writeString(out, s);
    } else if (v instanceof Boolean b) {
      out.writeByte(b ? TRUE : FALSE);
    } else if (v instanceof LispChar c) {
      out.writeByte(CHAR);
      out.writeInt(c.codePoint());
    } else if (v instanceof Symbol s) {
      out.writeByte(SYMBOL);
      writeString(out, s.name());
    } else if (v == Nil.NIL) {
      out.writeByte(NIL);
    } else if (v == Nothing.NOTHING) {
      out.writeByte(NOTHING);
    } else if (v instanceof Pair) {
      List<Object> items = new ArrayList<>();
      Object cur = v;
      for (; cur instanceof Pair p; cur = p.cdr) {
        items.add(p.car);
      }
      out.writeByte(LIST);
      out.writeInt(items.size());
      for (Object x : items) {
        writeValue(out, x);
      }
      writeValue(out, cur);
    } else if (v instanceof LispArray a) {
      out.writeByte(ARRAY);
      out.writeInt(a.items.size());
      for (Object x : a.items) {
        writeValue(out, x);
      }
    } else if (v instanceof Dict d) {
      out.writeByte(DICT);
      out.writeInt(d.map.size());
      for (Map.Entry<Object, Object> e : d.map.entrySet()) {
        writeValue(out, e.getKey());
        writeValue(out, e.getValue());
      }
    } else if (v instanceof ErrorObject e) {
      out.writeByte(ERROR);
      writeString(out, e.message());
      writeValue(out, e.irritants());
    } else if (v instanceof ChannelRef c) {
      out.writeByte(CHANNEL);
      writeRef(out, c.exporter());
      out.writeLong(c.id());
      out.writeInt(c.capacity());
    } else if (v instanceof Bytevector b) {
      out.writeByte(BYTES);
      out.writeInt(b.bytes.length);
      out.write(b.bytes);
    } else {
      throw new IllegalArgumentException("omni-wire: not a wire value: " + v.getClass());
    }
  }

  private Object readValue(DataInputStream in) throws IOException {
    int tag = in.readByte();
    switch (tag) {
      case ABSENT:
        return null;
      case FIXNUM:
        return in.readLong();
      case BIGNUM:
        {
          byte[] b = new byte[in.readInt()];
          in.readFully(b);
          return new BigInteger(b);
        }
      case FLONUM:
        return in.readDouble();
      case STRING:
        return readString(in);
      case TRUE:
        return Boolean.TRUE;
      case FALSE:
        return Boolean.FALSE;
      case CHAR:
        return LispChar.of(in.readInt());
      case SYMBOL:
        return Symbol.of(readString(in));
      case NIL:
        return Nil.NIL;
      case NOTHING:
        return Nothing.NOTHING;
      case LIST:
        {
          int n = in.readInt();
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
          int n = in.readInt();
          List<Object> items = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            items.add(readValue(in));
          }
          return new LispArray(items);
        }
      case DICT:
        {
          int n = in.readInt();
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
          return new ChannelRef(ref, in.readLong(), in.readInt());
        }
      case BYTES:
        {
          byte[] b = new byte[in.readInt()];
          in.readFully(b);
          return new Bytevector(b);
        }
      default:
        throw new IllegalArgumentException("omni-wire: unknown value tag " + tag);
    }
  }
}
