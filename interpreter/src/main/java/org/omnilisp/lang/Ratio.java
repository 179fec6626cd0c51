package org.omnilisp.lang;

import java.math.BigInteger;

/**
 * An exact rational that is not an integer: numerator and denominator coprime, denominator > 1.
 * Integers are never Ratios (they stay {@link Long} / {@link BigInteger}); {@link #of} normalises.
 */
public final class Ratio extends Number implements Comparable<Ratio> {
  private static final long serialVersionUID = 1L;

  public final BigInteger num;
  public final BigInteger den;

  private Ratio(BigInteger num, BigInteger den) {
    this.num = num;
    this.den = den;
  }

  /** The exact number n/d in lowest terms: a Long or BigInteger when d divides n. */
  public static Object of(BigInteger n, BigInteger d) {
    if (d.signum() == 0) {
      throw Errors.error("/: division by zero");
    }
    if (d.signum() < 0) {
      n = n.negate();
      d = d.negate();
    }
    BigInteger g = n.gcd(d);
    if (!g.equals(BigInteger.ONE)) {
      n = n.divide(g);
      d = d.divide(g);
    }
    if (d.equals(BigInteger.ONE)) {
      return Numbers.normalize(n);
    }
    return new Ratio(n, d);
  }

  /** The numerator of an exact number (an integer is its own numerator). */
  public static BigInteger numOf(Object exact) {
    return exact instanceof Ratio r ? r.num : Numbers.big(exact);
  }

  /** The denominator of an exact number (1 for an integer). */
  public static BigInteger denOf(Object exact) {
    return exact instanceof Ratio r ? r.den : BigInteger.ONE;
  }

  public int signum() {
    return num.signum();
  }

  @Override
  public double doubleValue() {
    int bits = Math.max(num.bitLength(), den.bitLength());
    if (bits <= 53) {
      return num.doubleValue() / den.doubleValue();
    }
    return new java.math.BigDecimal(num)
        .divide(new java.math.BigDecimal(den), java.math.MathContext.DECIMAL128)
        .doubleValue();
  }

  @Override
  public float floatValue() {
    return (float) doubleValue();
  }

  @Override
  public long longValue() {
    return num.divide(den).longValue();
  }

  @Override
  public int intValue() {
    return (int) longValue();
  }

  @Override
  public int compareTo(Ratio o) {
    return num.multiply(o.den).compareTo(o.num.multiply(den));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ratio r && num.equals(r.num) && den.equals(r.den);
  }

  @Override
  public int hashCode() {
    return num.hashCode() * 31 + den.hashCode();
  }

  @Override
  public String toString() {
    return num + "/" + den;
  }

  public String toString(int radix) {
    return num.toString(radix) + "/" + den.toString(radix);
  }
}
