package org.omnilisp.interp;

import java.util.Map;
import java.util.TreeMap;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Nil;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Symbol;
import org.omnilisp.machine.Primitive;

/**
 * The process context and time of R7RS 6.14: {@code exit}, {@code emergency-exit}, {@code
 * get-environment-variable(s)}, {@code current-second}, {@code current-jiffy}, {@code
 * jiffies-per-second}, {@code features}. {@code exit} hands its status to the interpreter's {@link
 * Interpreter.ExitHandler}: true or no argument is 0, false is 1, an integer is itself.
 */
final class SystemPrimitives {
  /** One jiffy is a nanosecond of {@link System#nanoTime}, counted from the interpreter's start. */
  private static final long JIFFIES_PER_SECOND = 1_000_000_000L;

  private SystemPrimitives() {}

  static void install(Interpreter interp) {
    long start = System.nanoTime();
    interp.define("exit", Primitive.ofN("exit", 0, 1, args -> exit(interp, "exit", args, false)));
    interp.define(
        "emergency-exit",
        Primitive.ofN("emergency-exit", 0, 1, args -> exit(interp, "emergency-exit", args, true)));
    interp.define(
        "get-environment-variable",
        Primitive.of1(
            "get-environment-variable",
            name -> {
              if (!(name instanceof String s)) {
                throw Errors.wrongType("get-environment-variable", "a string", name);
              }
              String v = System.getenv(s);
              return v == null ? Boolean.FALSE : v;
            }));
    interp.define(
        "get-environment-variables",
        Primitive.of0(
            "get-environment-variables",
            () -> {
              Object list = Nil.NIL;
              for (Map.Entry<String, String> e :
                  new TreeMap<>(System.getenv()).descendingMap().entrySet()) {
                list = new Pair(new Pair(e.getKey(), e.getValue()), list);
              }
              return list;
            }));
    interp.define(
        "current-second",
        Primitive.of0(
            "current-second",
            () -> {
              java.time.Instant now = java.time.Instant.now();
              return now.getEpochSecond() + now.getNano() / 1e9;
            }));
    interp.define("current-jiffy", Primitive.of0("current-jiffy", () -> System.nanoTime() - start));
    interp.define(
        "jiffies-per-second", Primitive.of0("jiffies-per-second", () -> JIFFIES_PER_SECOND));
    interp.define(
        "features",
        Primitive.of0(
            "features",
            () -> {
              Object list = Nil.NIL;
              for (int i = Interpreter.FEATURES.size() - 1; i >= 0; i--) {
                list = new Pair(Symbol.of(Interpreter.FEATURES.get(i)), list);
              }
              return list;
            }));
  }

  private static Object exit(Interpreter interp, String op, Object[] args, boolean emergency) {
    int status;
    Object v = args.length == 0 ? Boolean.TRUE : args[0];
    if (v == Boolean.TRUE) {
      status = 0;
    } else if (v == Boolean.FALSE) {
      status = 1;
    } else if (v instanceof Long n && n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
      status = (int) (long) n;
    } else {
      throw Errors.wrongType(op, "an integer or a boolean", v);
    }
    interp.exitHandler().exit(status, emergency);
    return Nothing.NOTHING;
  }
}
