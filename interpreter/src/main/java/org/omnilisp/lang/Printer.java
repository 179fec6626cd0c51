package org.omnilisp.lang;

import java.math.BigInteger;

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

  /**
   * Appends the {@code write} ({@code write} true) or {@code display} form of {@code value}. The
   * walk is iterative (a million-deep value needs heap, not Java stack). Containers on a cycle get
   * R7RS datum labels, {@code #0=(1 2 . #0#)}, in both forms: a first attempt prints without
   * looking for cycles and gives up after {@link #PLAIN_BUDGET} containers; only then is the value
   * walked once more to find its cycles, so small values pay nothing for it.
   */
  public static void print(Object value, boolean write, StringBuilder out) {
    if (!isContainer(value)) {
      printAtom(value, write, out);
      return;
    }
    int start = out.length();
    if (quickPrint(value, write, out, 0, new int[] {PLAIN_BUDGET})) {
      return;
    }
    out.setLength(start);
    if (new PrintWalk(write, out, null, PLAIN_BUDGET, -1).run(value)) {
      return;
    }
    out.setLength(start);
    new PrintWalk(write, out, SharedStructure.of(value), Long.MAX_VALUE, -1).run(value);
  }

  private static final int QUICK_DEPTH = 100;

  /**
   * The common case, small and shallow values, by plain recursion bounded in depth and in
   * containers; false when it gives up (the output is then incomplete).
   */
  private static boolean quickPrint(
      Object value, boolean write, StringBuilder out, int depth, int[] nodes) {
    if (!isContainer(value)) {
      printAtom(value, write, out);
      return true;
    }
    if (--nodes[0] < 0 || depth > QUICK_DEPTH) {
      return false;
    }
    if (value instanceof Pair p) {
      if (p.car instanceof Symbol s && p.cdr instanceof Pair rest && rest.cdr == Nil.NIL) {
        String prefix = quotePrefix(s.name());
        if (prefix != null) {
          out.append(prefix);
          return quickPrint(rest.car, write, out, depth + 1, nodes);
        }
      }
      out.append('(');
      Object cur = p;
      boolean first = true;
      while (cur instanceof Pair cell) {
        if (!first) {
          out.append(' ');
          if (--nodes[0] < 0) {
            return false;
          }
        }
        if (!quickPrint(cell.car, write, out, depth + 1, nodes)) {
          return false;
        }
        first = false;
        cur = cell.cdr;
      }
      if (cur != Nil.NIL) {
        out.append(" . ");
        if (!quickPrint(cur, write, out, depth + 1, nodes)) {
          return false;
        }
      }
      out.append(')');
      return true;
    }
    Object[] items = value instanceof LispArray a ? a.snapshot() : ((Dict) value).snapshot();
    out.append(value instanceof LispArray ? "[" : "#{");
    for (int i = 0; i < items.length; i++) {
      if (i > 0) {
        out.append(' ');
      }
      if (!quickPrint(items[i], write, out, depth + 1, nodes)) {
        return false;
      }
    }
    out.append(value instanceof LispArray ? ']' : '}');
    return true;
  }

  /**
   * The {@code write} form cut after about {@code maxChars} characters, without datum labels (a
   * cycle prints unrolled up to the cut): cheap on any value, for error messages.
   */
  public static String writeBounded(Object value, int maxChars) {
    StringBuilder out = new StringBuilder();
    if (!isContainer(value)) {
      printAtom(value, true, out);
    } else {
      new PrintWalk(true, out, null, Long.MAX_VALUE, maxChars).run(value);
    }
    return out.toString();
  }

  private static final int PLAIN_BUDGET = 10_000;

  static boolean isContainer(Object x) {
    return x instanceof Pair || x instanceof LispArray || x instanceof Dict;
  }

  static void printAtom(Object value, boolean write, StringBuilder out) {
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
    } else if (value instanceof Bytevector v) {
      out.append("#u8(");
      for (int i = 0; i < v.length(); i++) {
        out.append(i == 0 ? "" : " ").append(v.get(i));
      }
      out.append(')');
    } else if (value instanceof MultipleValues mv) {
      for (int i = 0; i < mv.values.length; i++) {
        Object v = mv.values[i];
        out.append(i == 0 ? "" : " ").append(write ? write(v) : display(v));
      }
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

  /** The prefix that {@code (quote x)} and its kin print as, or null. */
  static String quotePrefix(String name) {
    return switch (name) {
      case "quote" -> "'";
      case "quasiquote" -> "`";
      case "unquote" -> ",";
      case "unquote-splicing" -> ",@";
      default -> null;
    };
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

  static void writeString(String s, StringBuilder out) {
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
