package org.omnilisp.builtins;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.omnilisp.lang.Bytevector;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Nothing;

/** Bytevectors (R7RS 6.9) and the UTF-8 conversions between them and strings. */
final class BytevectorPrimitives {
  private BytevectorPrimitives() {}

  static void install(Builtins b) {
    b.def1("bytevector?", x -> x instanceof Bytevector);
    b.defN("bytevector", 0, -1, BytevectorPrimitives::bytevector);
    b.defN("make-bytevector", 1, 2, BytevectorPrimitives::make);
    b.def2("bytevector-u8-ref", BytevectorPrimitives::ref);
    b.def3("bytevector-u8-set!", BytevectorPrimitives::set);
    b.def1("bytevector-length", v -> (long) bytevector("bytevector-length", v).length());
    b.defN("bytevector-copy", 1, 3, args -> new Bytevector(slice("bytevector-copy", args)));
    b.defN("bytevector-copy!", 3, 5, BytevectorPrimitives::copyInto);
    b.defN("bytevector-append", 0, -1, BytevectorPrimitives::append);
    b.defN("utf8->string", 1, 3, BytevectorPrimitives::utf8ToString);
    b.defN("string->utf8", 1, 3, BytevectorPrimitives::stringToUtf8);
  }

  private static Bytevector bytevector(String op, Object x) {
    if (x instanceof Bytevector v) {
      return v;
    }
    throw Errors.wrongType(op, "a bytevector", x);
  }

  private static int octet(String op, Object x) {
    if (x instanceof Long n && n >= 0 && n <= 255) {
      return (int) (long) n;
    }
    throw Errors.wrongType(op, "a byte (an integer 0..255)", x);
  }

  private static Object bytevector(Object[] args) {
    byte[] bytes = new byte[args.length];
    for (int i = 0; i < args.length; i++) {
      bytes[i] = (byte) octet("bytevector", args[i]);
    }
    return new Bytevector(bytes);
  }

  private static Object make(Object[] args) {
    int k = Args.index("make-bytevector", args[0]);
    if (k < 0) {
      throw Errors.error("make-bytevector: length must not be negative, got " + k);
    }
    byte[] bytes = new byte[k];
    if (args.length > 1) {
      Arrays.fill(bytes, (byte) octet("make-bytevector", args[1]));
    }
    return new Bytevector(bytes);
  }

  private static int index(String op, Bytevector v, Object k) {
    int i = Args.index(op, k);
    if (i < 0 || i >= v.length()) {
      throw Errors.error(
          op + ": index " + i + " out of range for a bytevector of length " + v.length());
    }
    return i;
  }

  private static Object ref(Object v, Object k) {
    Bytevector bv = bytevector("bytevector-u8-ref", v);
    return (long) bv.get(index("bytevector-u8-ref", bv, k));
  }

  private static Object set(Object v, Object k, Object x) {
    Bytevector bv = bytevector("bytevector-u8-set!", v);
    int i = index("bytevector-u8-set!", bv, k);
    bv.set(i, octet("bytevector-u8-set!", x));
    return Nothing.NOTHING;
  }

  /** A copy of the bytes of {@code (bv [start [end]])}. */
  private static byte[] slice(String op, Object[] args) {
    Bytevector bv = bytevector(op, args[0]);
    int[] r = Text.range(op, args, 1, bv.length());
    return Arrays.copyOfRange(bv.bytes, r[0], r[1]);
  }

  private static Object copyInto(Object[] args) {
    Bytevector to = bytevector("bytevector-copy!", args[0]);
    int at = Args.index("bytevector-copy!", args[1]);
    byte[] from = slice("bytevector-copy!", Arrays.copyOfRange(args, 2, args.length));
    if (at < 0 || at > to.length() || to.length() - at < from.length) {
      throw Errors.error(
          "bytevector-copy!: "
              + from.length
              + " bytes do not fit at index "
              + at
              + " of a bytevector of length "
              + to.length());
    }
    System.arraycopy(from, 0, to.bytes, at, from.length);
    return Nothing.NOTHING;
  }

  private static Object append(Object[] args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object v : args) {
      out.writeBytes(bytevector("bytevector-append", v).bytes);
    }
    return new Bytevector(out.toByteArray());
  }

  /** Invalid UTF-8 is an error (R7RS: "it is an error"), not replaced by U+FFFD. */
  private static Object utf8ToString(Object[] args) {
    byte[] bytes = slice("utf8->string", args);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw Errors.error("utf8->string: invalid UTF-8 in " + Errors.describe(args[0]));
    }
  }

  private static Object stringToUtf8(Object[] args) {
    String s = Args.string("string->utf8", args[0]);
    int[] r = Text.range("string->utf8", args, 1, Text.length(s));
    return new Bytevector(Text.slice(s, r[0], r[1]).getBytes(StandardCharsets.UTF_8));
  }
}
