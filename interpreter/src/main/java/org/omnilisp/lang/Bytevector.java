package org.omnilisp.lang;

/**
 * An R7RS bytevector: a fixed-length, mutable sequence of bytes 0..255, printed as {@code #u8(1 2
 * 3)}. Reader, printer, equality and the bytevector procedures share this class.
 */
public final class Bytevector {
  public final byte[] bytes;

  public Bytevector(byte[] bytes) {
    this.bytes = bytes;
  }

  public int length() {
    return bytes.length;
  }

  /** The byte at {@code i} as an unsigned value 0..255. */
  public int get(int i) {
    return bytes[i] & 0xFF;
  }

  public void set(int i, int value) {
    bytes[i] = (byte) value;
  }
}
