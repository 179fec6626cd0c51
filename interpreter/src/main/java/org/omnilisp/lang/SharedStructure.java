package org.omnilisp.lang;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Finds the containers (pairs, arrays, dicts) of a value that lie on a cycle, so that {@code write}
 * can give them datum labels ({@code #0=(1 2 . #0#)}), as R7RS {@code write} does: only cycles get
 * labels, a merely shared part prints twice.
 *
 * <p>An iterative depth-first walk with an explicit stack (so a million-deep value needs heap, not
 * Java stack): a container reached again while it is still on the walk's path closes a cycle. The
 * children of arrays and dicts are snapshots, kept so that the printer prints exactly what was
 * walked even if another thread changes the container meanwhile.
 */
final class SharedStructure {
  /** Containers on a cycle, each mapped to its label number once printed (-1 before). */
  final Map<Object, Integer> labels = new IdentityHashMap<>();

  /** The snapshot of each array and dict walked. */
  final Map<Object, Object[]> children = new IdentityHashMap<>();

  private SharedStructure() {}

  static SharedStructure of(Object root) {
    SharedStructure s = new SharedStructure();
    s.walk(root);
    return s;
  }

  /** The items of an array or the flattened entries of a dict, as walked. */
  Object[] childrenOf(Object container) {
    Object[] kids = children.get(container);
    if (kids != null) {
      return kids;
    }
    return container instanceof LispArray a ? a.snapshot() : ((Dict) container).snapshot();
  }

  private static boolean isContainer(Object x) {
    return x instanceof Pair || x instanceof LispArray || x instanceof Dict;
  }

  private void walk(Object root) {
    if (!isContainer(root)) {
      return;
    }
    Map<Object, Boolean> onPath = new IdentityHashMap<>(); // true: on the path; false: finished
    Object[] path = new Object[64];
    int[] next = new int[64];
    int top = 0;
    path[0] = enter(root, onPath);
    while (top >= 0) {
      Object node = path[top];
      int i = next[top];
      Object child;
      if (node instanceof Pair p) {
        child = i == 0 ? p.car : i == 1 ? p.cdr : END;
      } else {
        Object[] kids = children.get(node);
        child = i < kids.length ? kids[i] : END;
      }
      if (child == END) {
        onPath.put(node, Boolean.FALSE);
        path[top--] = null;
        continue;
      }
      next[top] = i + 1;
      if (!isContainer(child)) {
        continue;
      }
      Boolean state = onPath.get(child);
      if (state == null) {
        if (++top == path.length) {
          path = Arrays.copyOf(path, top * 2);
          next = Arrays.copyOf(next, top * 2);
        }
        path[top] = enter(child, onPath);
        next[top] = 0;
      } else if (state) {
        labels.put(child, -1);
      }
    }
  }

  private static final Object END = new Object();

  private Object enter(Object node, Map<Object, Boolean> onPath) {
    onPath.put(node, Boolean.TRUE);
    if (!(node instanceof Pair)) {
      children.put(node, node instanceof LispArray a ? a.snapshot() : ((Dict) node).snapshot());
    }
    return node;
  }
}
