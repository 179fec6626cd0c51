package org.omnilisp.lang;

/**
 * A character: one Unicode scalar value (0..#x10FFFF without the surrogates), so that {@code #\😀}
 * is one char, as R7RS's full-unicode feature wants. Java's {@code char} holds only UTF-16 units,
 * hence this class. Latin-1 chars are cached; compare chars with {@code equals} (or eqv?).
 */
public final class LispChar {
  private static final LispChar[] LATIN1 = new LispChar[256];

  static {
    for (int i = 0; i < LATIN1.length; i++) {
      LATIN1[i] = new LispChar(i);
    }
  }

  private final int codePoint;

  private LispChar(int codePoint) {
    this.codePoint = codePoint;
  }

  /** The char of a scalar value; callers check the range first (see {@link #isScalarValue}). */
  public static LispChar of(int codePoint) {
    return codePoint >= 0 && codePoint < LATIN1.length
        ? LATIN1[codePoint]
        : new LispChar(codePoint);
  }

  /**
   * Is {@code n} a Unicode scalar value: 0..#x10FFFF, outside the surrogate range #xD800..#xDFFF?
   */
  public static boolean isScalarValue(long n) {
    return n >= 0 && n <= Character.MAX_CODE_POINT && (n < 0xD800 || n > 0xDFFF);
  }

  public int codePoint() {
    return codePoint;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LispChar c && c.codePoint == codePoint;
  }

  @Override
  public int hashCode() {
    return codePoint;
  }

  /** The char as a Java string (one or two UTF-16 units). */
  @Override
  public String toString() {
    return Character.toString(codePoint);
  }
}
