package org.omnilisp.lang;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

/** The {@code write} and {@code display} forms of every value (LANGUAGE.md §2). */
public final class Printer {
  private Printer() {}

  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    print(value, true, out);
    return out.toString();
  }

  public static String display(Object value) {
    if (value instanceof String s) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    print(value, false, out);
    return out.toString();
  }

  public static void print(Object value, boolean write, StringBuilder out) {
    if (value instanceof String s) {
      if (write) {
        writeString(s, out);
      } else {
        out.append(s);
      }
    } else if (value instanceof Long || value instanceof BigInteger || value instanceof Ratio) {
      out.append(value);
    } else if (value instanceof Symbol sym) {
      if (write) {
        SymbolSyntax.write(sym.name(), out);
      } else {
        out.append(sym.name());
      }
    } else if (value instanceof Double d) {
      out.append(formatDouble(d));
    } else if (value instanceof Boolean b) {
      out.append(b ? "true" : "false");
    } else if (value instanceof LispChar c) {
      if (write) {
        out.append("#\\").append(charName(c));
      } else {
        out.append(c);
      }
    } else if (value instanceof Pair p) {
      printList(p, write, out);
    } else if (value instanceof LispArray a) {
      printSequence("[", a.items.iterator(), "]", write, out);
    } else if (value instanceof Dict d) {
      printDict(d, write, out);
    } else if (value instanceof Bytevector v) {
      out.append("#u8(");
      for (int i = 0; i < v.length(); i++) {
        out.append(i == 0 ? "" : " ").append(v.get(i));
      }
      out.append(')');
    } else if (value instanceof MultipleValues mv) {
      printSequence("", mv.values.iterator(), "", write, out);
    } else if (value instanceof Procedure p) {
      out.append("#<procedure ").append(p.name()).append('>');
    } else if (value instanceof ErrorObject e) {
      out.append("#<error ").append(e.message()).append('>');
    } else if (value instanceof Printable p) {
      out.append(p.printForm());
    } else {
      out.append(value);
    }
  }

  private static void printList(Pair p, boolean write, StringBuilder out) {
    if (p.car instanceof Symbol s && p.cdr instanceof Pair rest && rest.cdr == Nil.NIL) {
      String prefix = quotePrefix(s.name());
      if (prefix != null) {
        out.append(prefix);
        print(rest.car, write, out);
        return;
      }
    }
    out.append('(');
    Object cur = p;
    boolean first = true;
    while (cur instanceof Pair cell) {
      if (!first) {
        out.append(' ');
      }
      print(cell.car, write, out);
      first = false;
      cur = cell.cdr;
    }
    if (cur != Nil.NIL) {
      out.append(" . ");
      print(cur, write, out);
    }
    out.append(')');
  }

  private static String quotePrefix(String name) {
    return switch (name) {
      case "quote" -> "'";
      case "quasiquote" -> "`";
      case "unquote" -> ",";
      case "unquote-splicing" -> ",@";
      default -> null;
    };
  }

  private static void printSequence(
      String open, Iterator<Object> items, String close, boolean write, StringBuilder out) {
    out.append(open);
    boolean first = true;
    while (items.hasNext()) {
      if (!first) {
        out.append(' ');
      }
      print(items.next(), write, out);
      first = false;
    }
    out.append(close);
  }

  private static void printDict(Dict d, boolean write, StringBuilder out) {
    out.append("#{");
    boolean first = true;
    for (Map.Entry<Object, Object> e : d.map.entrySet()) {
      if (!first) {
        out.append(' ');
      }
      print(e.getKey(), write, out);
      out.append(' ');
      print(e.getValue(), write, out);
      first = false;
    }
    out.append('}');
  }

  public static String formatDouble(double d) {
    if (Double.isNaN(d)) {
      return "+nan.0";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+inf.0" : "-inf.0";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e16) {
      boolean negative = d < 0 || (d == 0 && 1 / d < 0);
      return (negative ? "-" : "") + (long) Math.abs(d) + ".0";
    }
    return Double.toString(d).replace("E", "e");
  }

  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        case 7 -> out.append("\\a");
        case 8 -> out.append("\\b");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append("\\x").append(Integer.toHexString(c)).append(';');
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  public static String charName(LispChar ch) {
    return switch (ch.codePoint()) {
      case ' ' -> "space";
      case '\n' -> "newline";
      case '\t' -> "tab";
      case '\r' -> "return";
      case 0 -> "null";
      case 7 -> "alarm";
      case 8 -> "backspace";
      case 0x7f -> "delete";
      case 0x1b -> "escape";
      default ->
          ch.codePoint() < 0x20 || Character.isWhitespace(ch.codePoint())
              ? "x" + Integer.toHexString(ch.codePoint())
              : ch.toString();
    };
  }
}
