package org.omnilisp.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Laws of exact arithmetic on the tower (R7RS 6.2.2), and exact comparison with doubles. */
class ExactArithmeticPropertiesTest {
  @Provide
  Arbitrary<Object> exact() {
    return net.jqwik.api.Arbitraries.oneOf(
        ReadWritePropertiesTest.rationals(),
        net.jqwik.api.Arbitraries.longs().map(l -> (Object) l),
        net.jqwik.api.Arbitraries.longs().between(-5, 5).map(l -> (Object) l));
  }

  @Property(tries = 300)
  void additionIsAssociative(
      @ForAll("exact") Object a, @ForAll("exact") Object b, @ForAll("exact") Object c) {
    Object left = Numbers.add(Numbers.add(a, b), c);
    Object right = Numbers.add(a, Numbers.add(b, c));
    assertEquals(left, right);
    assertTrue(Numbers.compare(left, right) == 0);
  }

  @Property(tries = 300)
  void divisionThenMultiplicationGivesBackTheDividend(
      @ForAll("exact") Object a, @ForAll("exact") Object b) {
    Assume.that(Numbers.sign(b) != 0);
    Object back = Numbers.mul(Numbers.div(a, b), b);
    assertTrue(Equality.numericEqual(back, a), () -> a + " / " + b + " * " + b + " = " + back);
    assertEquals(a, back, "results are normalised");
  }

  @Property(tries = 300)
  void comparingADoubleWithAnExactNumberIsExact(
      @ForAll("doubles") double d, @ForAll("exact") Object e) {
    int expected = Integer.signum(new BigDecimal(d).compareTo(exactDecimal(e)));
    assertEquals(expected, -Integer.signum(Numbers.compare(e, d)));
    assertEquals(expected, Integer.signum(Numbers.compare(d, e)));
  }

  @Provide
  Arbitrary<Double> doubles() {
    return net.jqwik.api.Arbitraries.oneOf(
        net.jqwik.api.Arbitraries.doubles().between(-1e30, 1e30),
        net.jqwik.api.Arbitraries.longs().map(l -> (double) l),
        net.jqwik.api.Arbitraries.longs().between(-5, 5).map(l -> l / 4.0));
  }

  /** e as a BigDecimal precise enough to order it against any double in range. */
  private static BigDecimal exactDecimal(Object e) {
    BigDecimal n = new BigDecimal(Ratio.numOf(e));
    BigDecimal d = new BigDecimal(Ratio.denOf(e));
    return n.divide(d, new java.math.MathContext(2000));
  }
}
