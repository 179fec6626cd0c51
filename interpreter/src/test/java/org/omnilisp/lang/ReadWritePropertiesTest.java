package org.omnilisp.lang;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.omnilisp.reader.Reader;

/**
 * read(write(x)) = x (as {@code equal?}) for generated data: numbers of every kind, strings and
 * symbols with any characters, chars, and lists and arrays of them. Arrays print as {@code [..]},
 * which the reader reads as the call {@code (array ..)} (LANGUAGE.md §1), so the read datum is
 * turned back into arrays before comparing; generated symbols are therefore never {@code array},
 * nor {@code true false nothing}, which the reader reads as values.
 */
class ReadWritePropertiesTest {
  private static final Set<String> RESERVED = Set.of("array", "true", "false", "nothing");

  @Property(tries = 500)
  void writeThenReadGivesAnEqualDatum(@ForAll("data") Object x) {
    String text = Printer.write(x);
    List<Object> read = Reader.readAll(text, "property");
    assertTrue(read.size() == 1, () -> "one datum from " + text);
    Object back = arrays(read.get(0));
    assertTrue(Equality.equal(x, back), () -> text + " read back as " + Printer.write(back));
  }

  @Provide
  Arbitrary<Object> data() {
    return Arbitraries.recursive(this::atoms, this::containers, 0, 3);
  }

  private Arbitrary<Object> containers(Arbitrary<Object> inner) {
    Arbitrary<List<Object>> items = inner.list().ofMaxSize(4);
    return Arbitraries.oneOf(
        items.map(ReadWritePropertiesTest::list),
        items.map(xs -> (Object) new LispArray(new ArrayList<>(xs))),
        inner.map(x -> Pair.list(Symbol.of("quote"), x)),
        Arbitraries.oneOf(atoms(), inner).list().ofMinSize(1).ofMaxSize(3).map(xs -> dotted(xs)));
  }

  private Arbitrary<Object> atoms() {
    return Arbitraries.oneOf(
        numbers(),
        text().map(s -> (Object) s),
        text().filter(s -> !RESERVED.contains(s)).map(s -> (Object) Symbol.of(s)),
        Arbitraries.integers()
            .between(0, 0x10FFFF)
            .filter(LispChar::isScalarValue)
            .map(c -> (Object) LispChar.of(c)),
        Arbitraries.of(Boolean.TRUE, Boolean.FALSE, Nothing.NOTHING, Nil.NIL));
  }

  static Arbitrary<Object> numbers() {
    Arbitrary<BigInteger> bigs =
        Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30));
    return Arbitraries.oneOf(
        Arbitraries.longs().map(l -> (Object) l),
        bigs.map(Numbers::normalize),
        Arbitraries.doubles()
            .withSpecialValue(Double.NaN)
            .withSpecialValue(Double.POSITIVE_INFINITY)
            .withSpecialValue(Double.NEGATIVE_INFINITY)
            .withSpecialValue(-0.0)
            .withSpecialValue(Double.MIN_VALUE)
            .withSpecialValue(Double.MAX_VALUE)
            .map(d -> (Object) d),
        Arbitraries.longs().map(Double::longBitsToDouble).map(d -> (Object) d),
        rationals());
  }

  static Arbitrary<Object> rationals() {
    Arbitrary<BigInteger> n =
        Arbitraries.bigIntegers().between(BigInteger.TEN.pow(25).negate(), BigInteger.TEN.pow(25));
    Arbitrary<BigInteger> d =
        Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.TEN.pow(25));
    return net.jqwik.api.Combinators.combine(n, d).as(Ratio::of);
  }

  private static Arbitrary<String> text() {
    Arbitrary<Character> chars =
        Arbitraries.oneOf(
            Arbitraries.chars().ascii(),
            Arbitraries.chars().range('\u0000', '\u0020'),
            Arbitraries.chars().range('\u00a0', '\ud7ff'),
            Arbitraries.of('|', '\\', '"', '#', ';', ':', '.', '(', '[', '{', '\'', '`', ',', '@'));
    Arbitrary<String> plain = chars.list().ofMaxSize(8).map(ReadWritePropertiesTest::join);
    Arbitrary<String> astral =
        Arbitraries.integers().between(0x10000, 0x10FFFF).map(Character::toString);
    return Arbitraries.oneOf(
        plain,
        plain,
        astral,
        Arbitraries.of("1", "+", "-", ".", "...", "1/2", "+inf.0", "a b", "#t", ":k"));
  }

  private static String join(List<Character> cs) {
    StringBuilder b = new StringBuilder();
    cs.forEach(b::append);
    return b.toString();
  }

  private static Object list(List<Object> xs) {
    Object out = Nil.NIL;
    for (int i = xs.size() - 1; i >= 0; i--) {
      out = new Pair(xs.get(i), out);
    }
    return out;
  }

  private static Object dotted(List<Object> xs) {
    Object tail = xs.get(xs.size() - 1);
    // a list or an array as the tail would print as a proper list or as (x . [..]), which reads as
    // (x array ..): brackets are the list (array ..), so only atoms make dotted tails here
    if (tail instanceof Pair || tail == Nil.NIL || tail instanceof LispArray) {
      tail = 0L;
    }
    Object out = tail;
    for (int i = xs.size() - 2; i >= 0; i--) {
      out = new Pair(xs.get(i), out);
    }
    return xs.size() == 1 ? new Pair(tail, tail) : out;
  }

  /** The reader's {@code (array x ...)} for {@code [x ...]}, turned back into arrays. */
  private static Object arrays(Object datum) {
    if (datum instanceof Pair p) {
      List<Object> items = new ArrayList<>();
      Object cur = p;
      for (; cur instanceof Pair c; cur = c.cdr) {
        items.add(arrays(c.car));
      }
      if (cur == Nil.NIL && items.get(0) == Symbol.of("array")) {
        return new LispArray(new ArrayList<>(items.subList(1, items.size())));
      }
      Object out = cur;
      for (int i = items.size() - 1; i >= 0; i--) {
        out = new Pair(items.get(i), out);
      }
      return out;
    }
    if (datum instanceof LispArray a) {
      List<Object> items = new ArrayList<>();
      a.items.forEach(x -> items.add(arrays(x)));
      return new LispArray(items);
    }
    return datum;
  }
}
