package org.omnilisp.lang;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A growable array value, printed as {@code [1 2 3]}.
 *
 * <p>Arrays are shared by fibers and OS threads like globals, and each operation on one is atomic
 * (LANGUAGE.md; docs/language.md, "dicts and arrays shared by threads and fibers"). Reading or
 * writing one element ({@code vector-ref}, {@code vector-set!}: the inner loops of most array code)
 * takes no lock. The protocol, a sequence lock:
 *
 * <ul>
 *   <li>{@code seq} is even while the array is stable and odd while a writer is at work. Every
 *       writer, of one element or of the structure ({@code push}, growth, removal, bulk changes),
 *       first moves {@code seq} from an even value {@code s} to {@code s + 1} by compare-and-set
 *       ({@link #acquire}), makes its change to {@code elements} and {@code size}, then stores
 *       {@code s + 2} with release semantics ({@link #release}). So writers exclude one another and
 *       a change is published whole.
 *   <li>A reader of one element reads {@code seq} (acquire), then {@code elements}, {@code size}
 *       and the element with plain loads, a load-load fence, and {@code seq} again: if both reads
 *       gave the same even value no writer ran in between and what it read is one consistent state
 *       (the one the last writer released); else it reads again. A reader never writes, so reads do
 *       not slow each other down, nor writers.
 *   <li>Snapshots ({@link #snapshot}, printing, {@code equal?}, iteration) read the same way, the
 *       whole array at once; after a few failed tries (a busy writer) they take {@code seq} like a
 *       writer, so they finish.
 *   <li>Structural writers (those that change the size) also hold the monitor of {@link #items}:
 *       code that checks an index and then uses it holds that monitor ({@code synchronized
 *       (items)}) and sees no change of size in between. Writers of single elements do not take it.
 * </ul>
 *
 * <p>Nothing is ever called while {@code seq} is held (no user code, no allocation that could
 * re-enter), so a writer holds it for a few instructions; one that finds it held spins briefly,
 * then yields its thread. One element write costs one compare-and-set (a {@code synchronized} list
 * cost two, and two more for every read). The protocol is checked by {@code LispArrayLincheckTest}.
 */
public final class LispArray {
  /**
   * The elements as a list, for code that works on the whole array. Each of its own methods (get,
   * set, size, add, remove, clear, toArray) is atomic, and iteration runs over a snapshot. Three
   * are not atomic as a whole, since they run other code per element: {@code replaceAll} computes
   * the new elements from a snapshot and stores them in one step (an element written in between is
   * overwritten), {@code sort} sorts a snapshot and writes it back one element at a time, and
   * {@code subList} is a view whose methods are each atomic, not a copy. Structural changes hold
   * this list's monitor (see above).
   */
  public final List<Object> items = new Items();

  /** Guarded by the protocol above: written only while {@code seq} is odd. */
  private Object[] elements;

  private int size;

  @SuppressWarnings("unused") // through SEQ
  private volatile long seq;

  private static final VarHandle SEQ;

  static {
    try {
      SEQ = MethodHandles.lookup().findVarHandle(LispArray.class, "seq", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** An array of the elements of {@code items} (copied: the list is not kept). */
  public LispArray(List<Object> items) {
    this.elements = items.toArray();
    this.size = elements.length;
  }

  public LispArray() {
    this.elements = new Object[4];
  }

  /** Takes {@code seq} (even to odd); returns the even value it had. */
  private long acquire() {
    for (int spins = 0; ; spins++) {
      long s = (long) SEQ.getVolatile(this);
      if ((s & 1) == 0 && SEQ.compareAndSet(this, s, s + 1)) {
        return s;
      }
      backOff(spins);
    }
  }

  private void release(long s) {
    SEQ.setRelease(this, s + 2);
  }

  private static void backOff(int spins) {
    if (spins < 64) {
      Thread.onSpinWait();
    } else {
      Thread.yield();
    }
  }

  /** The element at {@code k}, or null if {@code k} is out of range. Takes no lock. */
  public Object get(long k) {
    for (int spins = 0; ; spins++) {
      long s = (long) SEQ.getAcquire(this);
      Object[] a = elements;
      int n = size;
      Object v = k >= 0 && k < n && k < a.length ? a[(int) k] : null;
      VarHandle.loadLoadFence();
      if ((s & 1) == 0 && s == (long) SEQ.getVolatile(this)) {
        return v;
      }
      backOff(spins);
    }
  }

  /**
   * Stores {@code x} at {@code k} and returns true, or returns false if {@code k} is out of range.
   */
  public boolean set(long k, Object x) {
    long s = acquire();
    boolean in = k >= 0 && k < size;
    if (in) {
      elements[(int) k] = x;
    }
    release(s);
    return in;
  }

  /** The number of elements. Takes no lock. */
  public int size() {
    for (int spins = 0; ; spins++) {
      long s = (long) SEQ.getAcquire(this);
      int n = size;
      VarHandle.loadLoadFence();
      if ((s & 1) == 0 && s == (long) SEQ.getVolatile(this)) {
        return n;
      }
      backOff(spins);
    }
  }

  /** The elements, taken atomically. */
  public Object[] snapshot() {
    for (int tries = 0; tries < 4; tries++) {
      long s = (long) SEQ.getAcquire(this);
      if ((s & 1) != 0) {
        Thread.onSpinWait();
        continue;
      }
      Object[] a = elements;
      int n = Math.min(size, a.length);
      Object[] copy = Arrays.copyOf(a, n);
      VarHandle.loadLoadFence();
      if (s == (long) SEQ.getVolatile(this)) {
        return copy;
      }
    }
    // a busy writer: copy while holding seq (Arrays.copyOf calls nothing that could re-enter)
    long s = acquire();
    try {
      return Arrays.copyOf(elements, size);
    } finally {
      release(s);
    }
  }

  /** The list view: structural changes hold its monitor, then {@code seq}. */
  private final class Items extends AbstractList<Object> implements RandomAccess {
    @Override
    public Object get(int index) {
      Object v = LispArray.this.get(index);
      if (v == null) {
        throw new IndexOutOfBoundsException("index " + index + " out of range");
      }
      return v;
    }

    @Override
    public Object set(int index, Object element) {
      long s = acquire();
      try {
        Objects.checkIndex(index, size);
        Object old = elements[index];
        elements[index] = element;
        return old;
      } finally {
        release(s);
      }
    }

    @Override
    public int size() {
      return LispArray.this.size();
    }

    /**
     * A bigger array if {@code n} elements do not fit, else null: made before seq is taken
     * (allocating may collect or fail). Under the monitor.
     */
    private Object[] grownFor(int n) {
      return n > elements.length ? new Object[Math.max(Math.max(4, n), size + (size >> 1))] : null;
    }

    /** The array to write into: {@code grown} holding the elements, if not null. Under seq. */
    private Object[] install(Object[] grown) {
      if (grown == null) {
        return elements;
      }
      System.arraycopy(elements, 0, grown, 0, size);
      elements = grown;
      return grown;
    }

    @Override
    public synchronized boolean add(Object element) {
      add(size, element);
      return true;
    }

    @Override
    public synchronized void add(int index, Object element) {
      Objects.checkIndex(index, size + 1);
      Object[] grown = grownFor(size + 1);
      long s = acquire();
      try {
        Object[] a = install(grown);
        System.arraycopy(a, index, a, index + 1, size - index);
        a[index] = element;
        size++;
        modCount++;
      } finally {
        release(s);
      }
    }

    @Override
    public synchronized boolean addAll(Collection<?> c) {
      Object[] more = c.toArray();
      int n = size + more.length;
      Object[] grown = grownFor(n);
      long s = acquire();
      try {
        Object[] a = install(grown);
        System.arraycopy(more, 0, a, size, more.length);
        size = n;
        modCount++;
      } finally {
        release(s);
      }
      return more.length > 0;
    }

    @Override
    public synchronized Object remove(int index) {
      long s = acquire();
      try {
        Objects.checkIndex(index, size);
        Object[] a = elements;
        Object old = a[index];
        System.arraycopy(a, index + 1, a, index, size - index - 1);
        a[--size] = null;
        modCount++;
        return old;
      } finally {
        release(s);
      }
    }

    @Override
    protected synchronized void removeRange(int from, int to) {
      long s = acquire();
      try {
        Objects.checkFromToIndex(from, to, size);
        Object[] a = elements;
        System.arraycopy(a, to, a, from, size - to);
        Arrays.fill(a, size - (to - from), size, null);
        size -= to - from;
        modCount++;
      } finally {
        release(s);
      }
    }

    @Override
    public synchronized void clear() {
      long s = acquire();
      try {
        Arrays.fill(elements, 0, size, null);
        size = 0;
        modCount++;
      } finally {
        release(s);
      }
    }

    /**
     * Computes the new elements from a snapshot (the operator may run any code, so not while
     * holding {@code seq}), then stores them in one step if the size is still the same.
     */
    @Override
    public synchronized void replaceAll(UnaryOperator<Object> op) {
      Object[] values = snapshot();
      for (int i = 0; i < values.length; i++) {
        values[i] = op.apply(values[i]);
      }
      long s = acquire();
      try {
        System.arraycopy(values, 0, elements, 0, Math.min(values.length, size));
      } finally {
        release(s);
      }
    }

    @Override
    public Object[] toArray() {
      return snapshot();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T[] toArray(T[] a) {
      Object[] copy = snapshot();
      if (a.length < copy.length) {
        return (T[]) Arrays.copyOf(copy, copy.length, a.getClass());
      }
      System.arraycopy(copy, 0, a, 0, copy.length);
      if (a.length > copy.length) {
        a[copy.length] = null;
      }
      return a;
    }

    @Override
    public Iterator<Object> iterator() {
      return Arrays.asList(snapshot()).iterator();
    }

    @Override
    public void forEach(Consumer<? super Object> action) {
      for (Object x : snapshot()) {
        action.accept(x);
      }
    }
  }
}
