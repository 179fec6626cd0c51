package org.omnilisp.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.omnilisp.api.LispError;
import org.omnilisp.api.OmniLisp;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Printer;
import org.omnilisp.reader.Reader;

/**
 * The read-eval-print loop, on JLine: line editing, history in {@code ~/.omni_history}, input that
 * continues over several lines until the datum is complete, and errors that do not end the session.
 */
final class Repl {
  private final OmniLisp lisp;
  private final PrintStream out;

  Repl(OmniLisp lisp, PrintStream out) {
    this.lisp = lisp;
    this.out = out;
  }

  int run() {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      LineReader reader =
          LineReaderBuilder.builder()
              .terminal(terminal)
              .appName("omni")
              .parser(new LispParser())
              .variable(
                  LineReader.HISTORY_FILE,
                  Path.of(System.getProperty("user.home"), ".omni_history"))
              .variable(LineReader.SECONDARY_PROMPT_PATTERN, "...  ")
              .build();
      out.println("OmniLisp REPL. Ctrl-D to exit.");
      out.flush();
      while (true) {
        String input;
        try {
          input = reader.readLine("omni> ");
        } catch (UserInterruptException e) {
          continue;
        } catch (EndOfFileException e) {
          return Main.OK;
        }
        evalAndPrint(input);
      }
    } catch (IOException e) {
      System.err.println("omni: cannot open the terminal: " + e.getMessage());
      return Main.ERROR;
    }
  }

  private void evalAndPrint(String input) {
    if (input.isBlank()) {
      return;
    }
    try {
      Object value = lisp.evalHere(input, "repl");
      if (value != Nothing.NOTHING) {
        out.println(Printer.write(value));
      }
    } catch (LispError e) {
      out.flush();
      System.err.println("error: " + OmniLisp.describe(e));
    }
    out.flush();
  }

  /** Asks JLine for more lines while the input ends inside an unfinished datum. */
  private static final class LispParser extends DefaultParser {
    @Override
    public org.jline.reader.ParsedLine parse(String line, int cursor, ParseContext context) {
      if (context == ParseContext.ACCEPT_LINE && Reader.isIncomplete(line)) {
        throw new EOFError(-1, -1, "incomplete input");
      }
      return super.parse(line, cursor, context);
    }
  }
}
