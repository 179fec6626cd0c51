package org.omnilisp.api;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The bytes the interpreter prints (UTF-8), decoded onto the writer of the script context that is
 * current: JSR-223 hands engines a {@link Writer}, the interpreter prints to a stream. A character
 * split across two writes is kept until its last byte arrives.
 */
final class WriterOutput extends OutputStream {
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final ByteBuffer bytes = ByteBuffer.allocate(8192);
  private final CharBuffer chars = CharBuffer.allocate(8192);
  private Writer target;

  WriterOutput(Writer target) {
    this.target = target;
  }

  synchronized void setTarget(Writer target) {
    this.target = target;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      int n = Math.min(len, bytes.remaining());
      bytes.put(b, off, n);
      off += n;
      len -= n;
      decode();
    }
  }

  private void decode() throws IOException {
    bytes.flip();
    CoderResult result;
    do {
      result = decoder.decode(bytes, chars, false);
      chars.flip();
      target.append(chars);
      chars.clear();
    } while (result.isOverflow());
    bytes.compact();
  }

  @Override
  public synchronized void flush() throws IOException {
    target.flush();
  }
}
