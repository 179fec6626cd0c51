package org.omnilisp.lang;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.LinCheckerKt;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model check of {@link LispArray}'s protocol (lock-free element reads, one compare-and-set per
 * element write, structural changes under the monitor): every concurrent history of get, set, push,
 * size and snapshot must be linearizable against a plain list. Indices 0..3 on an array that starts
 * with two elements, so some operations fall out of range and pushes move the bound (and grow the
 * backing array: it starts with room for four).
 */
@Param(name = "i", gen = IntGen.class, conf = "0:3")
@Param(name = "v", gen = IntGen.class, conf = "1:3")
public class LispArrayLincheckTest {
  private final LispArray array = new LispArray(new ArrayList<>(List.of(10, 20)));

  public LispArrayLincheckTest() {}

  @Operation
  public Object get(@Param(name = "i") int i) {
    return array.get(i);
  }

  @Operation
  public boolean set(@Param(name = "i") int i, @Param(name = "v") int v) {
    return array.set(i, v);
  }

  @Operation
  public void push(@Param(name = "v") int v) {
    array.items.add(v);
  }

  /** Moves every element (no primitive does; the list view's structural writers can). */
  @Operation
  public void insertFirst(@Param(name = "v") int v) {
    array.items.add(0, v);
  }

  @Operation
  public Object removeFirst() {
    synchronized (array.items) {
      return array.items.isEmpty() ? null : array.items.remove(0);
    }
  }

  @Operation
  public int size() {
    return array.size();
  }

  @Operation
  public List<Object> snapshot() {
    return Arrays.asList(array.snapshot());
  }

  @Test
  @Timeout(300)
  void modelChecking() {
    LinCheckerKt.check(
        new ModelCheckingOptions()
            .iterations(8)
            .invocationsPerIteration(100)
            .threads(2)
            .actorsPerThread(3)
            .actorsBefore(1)
            .actorsAfter(1),
        getClass());
  }

  @Test
  @Timeout(300)
  void stress() {
    LinCheckerKt.check(
        new StressOptions()
            .iterations(10)
            .invocationsPerIteration(300)
            .threads(3)
            .actorsPerThread(3)
            .actorsBefore(1)
            .actorsAfter(1),
        getClass());
  }
}
