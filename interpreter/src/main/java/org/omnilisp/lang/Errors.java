package org.omnilisp.lang;

/** The one place that builds the system's error messages: operation, expected, got. */
public final class Errors {
  private Errors() {}

  public static LispThrow error(String message) {
    return new LispThrow(new ErrorObject(message));
  }

  /** {@code car: expected a pair, got 42}. */
  public static LispThrow wrongType(String op, String expected, Object got) {
    return error(op + ": expected " + expected + ", got " + describe(got));
  }

  public static LispThrow arity(String op, String expected, int got) {
    return error(op + ": expected " + expected + ", got " + got);
  }

  public static String describe(Object value) {
    String text = Printer.writeBounded(value, 61);
    if (text.length() > 60) {
      text = text.substring(0, 57) + "...";
    }
    return text;
  }

  public static String arityText(int min, int max) {
    if (max < 0) {
      return "at least " + plural(min);
    }
    if (min == max) {
      return plural(min);
    }
    return min + " to " + max + " arguments";
  }

  private static String plural(int n) {
    return n + (n == 1 ? " argument" : " arguments");
  }

  /**
   * How an uncaught raise is reported: {@code file:line:col: message irritant...}, or {@code
   * uncaught raise: value} for a raised value that is not an error object.
   */
  public static String report(Object payload) {
    if (!(payload instanceof ErrorObject e)) {
      return "uncaught raise: " + Printer.write(payload);
    }
    StringBuilder out = new StringBuilder();
    if (e.pos() != null) {
      out.append(e.pos()).append(": ");
    }
    out.append(e.message());
    for (Object cur = e.irritants(); cur instanceof Pair p; cur = p.cdr) {
      out.append(' ').append(Printer.write(p.car));
    }
    return out.toString();
  }
}
