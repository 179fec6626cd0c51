package org.omnilisp.ports;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The reading side of a port: a byte buffer ({@code buf[pos..lim)} not yet read) in front of a
 * {@link Source}. Every read first tries to answer from the buffer; when it cannot, it returns
 * {@link #NEED} and the caller fills the buffer (on its thread, or by parking) and tries again. So
 * a read that waits never loses what already arrived: bytes stay here until a read takes them.
 * Textual reads decode UTF-8. Used by one reader at a time (a fiber or thread).
 */
public final class Input {
  /** What a read answers when the buffer cannot answer it yet. */
  static final Object NEED = new Object();

  private byte[] buf;
  private int pos;
  private int lim;
  private boolean atEnd;

  /** A line ended at a lone CR: a LF that comes next belongs to that line end. */
  private boolean skipLf;

  final Source source;
  volatile boolean open = true;

  /** What fills brought in for a select clause that lost: taken in before the next read. */
  private final java.util.concurrent.ConcurrentLinkedQueue<Object> returned =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  /** An input over fixed content (string and bytevector ports): already at its end. */
  Input(byte[] content) {
    this.buf = content;
    this.lim = content.length;
    this.atEnd = true;
    this.source = null;
  }

  public Input(Source source) {
    this.buf = new byte[0]; // grows with what arrives: an idle connection holds no buffer
    this.source = source;
  }

  public boolean atEnd() {
    return atEnd;
  }

  /** Room for at least {@code n} more bytes after {@code lim}: compacts, then grows. */
  private void reserve(int n) {
    if (buf.length - lim >= n) {
      return;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, lim - pos);
      lim -= pos;
      pos = 0;
    }
    if (buf.length - lim < n) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, lim + n));
    }
  }

  /** Where a source writes: an array with room for at least {@code min} bytes at {@link #tail}. */
  public byte[] room(int min) {
    reserve(min);
    return buf;
  }

  public int tail() {
    return lim;
  }

  /** A source wrote {@code n} bytes at the tail. */
  public void appended(int n) {
    lim += n;
  }

  public void append(byte[] bytes) {
    reserve(bytes.length);
    System.arraycopy(bytes, 0, buf, lim, bytes.length);
    lim += bytes.length;
  }

  public void markEnd() {
    atEnd = true;
  }

  /** Gives back the result of a fill that nobody took (any thread). */
  void giveBack(Object fillResult) {
    returned.add(fillResult);
  }

  /** Takes in what was given back, in order (the reader's thread). */
  void takeReturned() {
    Object r;
    while ((r = returned.poll()) != null) {
      filled(r);
    }
  }

  /** Takes the result of a fill: bytes or the eof object. */
  void filled(Object result) {
    if (result instanceof byte[] b) {
      append(b);
    } else {
      markEnd();
    }
  }

  private void dropLf() {
    if (skipLf && pos < lim) {
      skipLf = false;
      if (buf[pos] == '\n') {
        pos++;
      }
    }
  }

  /** Could a textual read go on: some byte buffered (after a pending line end) or the end? */
  private boolean textReady() {
    dropLf();
    return pos < lim || atEnd;
  }

  int available() {
    return lim - pos;
  }

  // ---- binary reads ----

  Object readU8(boolean peek) {
    if (pos < lim) {
      int b = buf[pos] & 0xFF;
      if (!peek) {
        pos++;
      }
      return (long) b;
    }
    return atEnd ? Eof.EOF : NEED;
  }

  Object u8Ready() {
    return pos < lim || atEnd;
  }

  /** Exactly {@code k} bytes, or fewer at the end (eof when none). */
  Object readBytes(int k) {
    if (k == 0) {
      return new byte[0];
    }
    if (lim - pos < k && !atEnd) {
      return NEED;
    }
    int n = Math.min(k, lim - pos);
    if (n == 0) {
      return Eof.EOF;
    }
    byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return out;
  }

  // ---- textual reads ----

  /** The length of the UTF-8 sequence a lead byte starts (1 for a stray byte). */
  private static int seqLength(int b) {
    if (b < 0x80) {
      return 1;
    } else if (b >= 0xF0 && b < 0xF8) {
      return 4;
    } else if (b >= 0xE0) {
      return b < 0xF0 ? 3 : 1;
    } else if (b >= 0xC0) {
      return 2;
    }
    return 1;
  }

  /** The code point at {@code pos} (its length in {@code len[0]}), or NEED / EOF. */
  private Object codePointAt(int[] len) {
    if (!textReady()) {
      return NEED;
    }
    if (pos >= lim) {
      return Eof.EOF;
    }
    int n = seqLength(buf[pos] & 0xFF);
    if (lim - pos < n) {
      if (!atEnd) {
        return NEED;
      }
      n = lim - pos;
    }
    String s = new String(buf, pos, n, StandardCharsets.UTF_8);
    len[0] = n;
    return s.codePointAt(0);
  }

  Object readChar(boolean peek) {
    int[] len = new int[1];
    Object cp = codePointAt(len);
    if (cp instanceof Integer c) {
      if (!peek) {
        pos += len[0];
      }
      return Chars.of(c);
    }
    return cp;
  }

  Object charReady() {
    return textReady();
  }

  /**
   * A line without its end ({@code \n}, {@code \r\n} or a lone {@code \r}); at the end the rest, or
   * eof when nothing is left.
   */
  Object readLine() {
    if (!textReady()) {
      return NEED;
    }
    for (int i = pos; i < lim; i++) {
      byte b = buf[i];
      if (b == '\n' || b == '\r') {
        String line = new String(buf, pos, i - pos, StandardCharsets.UTF_8);
        pos = i + 1;
        if (b == '\r') {
          skipLf = true;
          dropLf();
        }
        return line;
      }
    }
    if (!atEnd) {
      return NEED;
    }
    if (pos == lim) {
      return Eof.EOF;
    }
    String rest = new String(buf, pos, lim - pos, StandardCharsets.UTF_8);
    pos = lim;
    return rest;
  }

  /** {@code k} characters, or fewer at the end (eof when none). */
  Object readString(int k) {
    if (!textReady()) {
      return NEED;
    }
    int i = pos;
    int chars = 0;
    while (chars < k && i < lim) {
      int n = seqLength(buf[i] & 0xFF);
      if (lim - i < n && !atEnd) {
        return NEED;
      }
      i += Math.min(n, lim - i);
      chars++;
    }
    if (chars < k && !atEnd) {
      return NEED;
    }
    if (k > 0 && i == pos) {
      return Eof.EOF;
    }
    String s = new String(buf, pos, i - pos, StandardCharsets.UTF_8);
    pos = i;
    return s;
  }

  /** Everything buffered, as text (for {@code read}). */
  String peekText() {
    textReady();
    return new String(buf, pos, lim - pos, StandardCharsets.UTF_8);
  }

  /** Consumes the first {@code chars} UTF-16 units of {@link #peekText}. */
  void consumeText(String text, int chars) {
    pos += text.substring(0, chars).getBytes(StandardCharsets.UTF_8).length;
  }
}
