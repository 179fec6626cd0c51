package org.omnilisp.builtins;

import java.io.PrintStream;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Printer;
import org.omnilisp.machine.Interpreter;

/** {@code display}, {@code write}, {@code newline}, {@code print}, {@code println}. */
final class OutputPrimitives {
  private OutputPrimitives() {}

  static void install(Builtins b, Interpreter interp) {
    b.def1("display", x -> emit(interp.out(), Printer.display(x)));
    b.def1("write", x -> emit(interp.out(), Printer.write(x)));
    b.def0("newline", () -> emit(interp.out(), "\n"));
    b.defN("print", 0, -1, args -> emit(interp.out(), concat(args, "")));
    b.defN("println", 0, -1, args -> emit(interp.out(), concat(args, "\n")));
  }

  private static String concat(Object[] args, String end) {
    StringBuilder out = new StringBuilder();
    for (Object a : args) {
      Printer.print(a, false, out);
    }
    return out.append(end).toString();
  }

  private static Object emit(PrintStream out, String text) {
    out.print(text);
    return Nothing.NOTHING;
  }
}
