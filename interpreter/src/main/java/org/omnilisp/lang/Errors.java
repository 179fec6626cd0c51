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
    String text = Printer.write(value);
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
}
