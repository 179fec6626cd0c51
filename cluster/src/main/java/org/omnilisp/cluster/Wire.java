package org.omnilisp.cluster;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.omnilisp.cluster.Messages.ChannelRef;
import org.omnilisp.fibers.LispChannel;
import org.omnilisp.lang.Bytevector;
import org.omnilisp.lang.Dict;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispArray;
import org.omnilisp.lang.LispChar;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Printable;
import org.omnilisp.lang.Printer;
import org.omnilisp.lang.Procedure;
import org.omnilisp.lang.Symbol;

/**
 * Lisp values to and from wire values: containers are copied, channels become {@link ChannelRef}s
 * (exported by the node) and back, anything that cannot cross raises {@code OP: cannot send a TYPE
 * to another node} in the sending fiber.
 */
final class Wire {
  private Wire() {}

  /** Whether {@code v} is an atom that crosses as it is. */
  static boolean atom(Object v) {
    return v instanceof Long
        || v instanceof BigInteger
        || v instanceof Double
        || v instanceof String
        || v instanceof Boolean
        || v instanceof LispChar
        || v instanceof Symbol
        || v == Nil.NIL
        || v == Nothing.NOTHING;
  }

  static Object export(String op, Object v, ClusterNode node) {
    if (atom(v)) {
      return v;
    }
    if (v instanceof Pair) {
      List<Object> items = new ArrayList<>();
      Object cur = v;
      for (; cur instanceof Pair p; cur = p.cdr) {
        items.add(export(op, p.car, node));
      }
      Object tail = export(op, cur, node);
      for (int i = items.size() - 1; i >= 0; i--) {
        tail = new Pair(items.get(i), tail);
      }
      return tail;
    }
    if (v instanceof LispArray a) {
      List<Object> items = new ArrayList<>(a.items.size());
      for (Object x : a.items) {
        items.add(export(op, x, node));
      }
      return new LispArray(items);
    }
    if (v instanceof Dict d) {
      Dict copy = new Dict();
      for (Map.Entry<Object, Object> e : d.map.entrySet()) {
        copy.map.put(export(op, e.getKey(), node), export(op, e.getValue(), node));
      }
      return copy;
    }
    if (v instanceof Bytevector b) {
      return new Bytevector(b.bytes.clone());
    }
    if (v instanceof ErrorObject e) {
      return new ErrorObject(e.message(), exportIrritants(e.irritants(), node));
    }
    if (v instanceof LispChannel ch) {
      return node.export(ch);
    }
    throw Errors.error(op + ": cannot send a " + typeName(v) + " to another node");
  }

  /** Irritants that cannot cross are replaced by their printed form. */
  private static Object exportIrritants(Object irritants, ClusterNode node) {
    try {
      return export("error", irritants, node);
    } catch (RuntimeException e) {
      List<Object> items = new ArrayList<>();
      for (Object cur = irritants; cur instanceof Pair p; cur = p.cdr) {
        try {
          items.add(export("error", p.car, node));
        } catch (RuntimeException bad) {
          items.add(Printer.write(p.car));
        }
      }
      return Pair.list(items.toArray());
    }
  }

  static String typeName(Object v) {
    if (v instanceof Procedure) {
      return "procedure";
    }
    if (v instanceof Printable p) {
      String form = p.printForm();
      if (form.startsWith("#<")) {
        int end = form.indexOf(' ');
        return form.substring(2, end > 2 ? end : form.length() - 1);
      }
    }
    return v == null ? "null" : v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  /** A wire value received by this node: its channel references become channels. */
  static Object importValue(Object v, ClusterNode node) {
    if (v instanceof ChannelRef ref) {
      return node.importChannel(ref);
    }
    if (v instanceof Pair) {
      Object cur = v;
      for (; cur instanceof Pair p; cur = p.cdr) {
        p.car = importValue(p.car, node);
        if (!(p.cdr instanceof Pair)) {
          p.cdr = importValue(p.cdr, node);
        }
      }
      return v;
    }
    if (v instanceof LispArray a) {
      a.items.replaceAll(x -> importValue(x, node));
      return v;
    }
    if (v instanceof Dict d) {
      if (d.map.keySet().stream().anyMatch(k -> !atom(k))) {
        Dict copy = new Dict();
        d.map.forEach((k, x) -> copy.map.put(importValue(k, node), importValue(x, node)));
        return copy;
      }
      d.map.replaceAll((k, x) -> importValue(x, node));
      return v;
    }
    if (v instanceof ErrorObject e && !atom(e.irritants())) {
      return new ErrorObject(e.message(), importValue(e.irritants(), node));
    }
    return v;
  }
}
