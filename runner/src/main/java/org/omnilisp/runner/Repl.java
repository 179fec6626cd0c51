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
import org.omnilisp.api.Values;

/**
 * The read-eval-print loop, on JLine: line editing, history in {@code ~/.omni_history}, input that
 * continues over several lines until the datum is complete, and errors that do not end the session.
 */
final class Repl {
  /** The {@code :fibers} command: one line per live spawned fiber. */
  private static final String FIBERS =
      "(for-each (lambda (f) (println \"fiber \" (car f) \" \" (cadr f) \": \" (caddr f)))"
          + " (fibers))";

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
              .parser(parser())
              .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
              .variable(
                  LineReader.HISTORY_FILE,
                  Path.of(System.getProperty("user.home"), ".omni_history"))
              .variable(LineReader.SECONDARY_PROMPT_PATTERN, "...  ")
              .build();
      out.println("OmniLisp REPL. :fibers lists live fibers; Ctrl-D exits.");
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
    String source = input.strip().equals(":fibers") ? FIBERS : input;
    try {
      Object value = lisp.evalHere(source, "repl");
      if (!Values.isNothing(value)) {
        out.println(Values.write(value));
      }
    } catch (LispError e) {
      out.flush();
      System.err.println("error: " + OmniLisp.describe(e));
    }
    out.flush();
  }

  /** Lisp text reaches the reader exactly as typed: no backslash escapes, no ! expansion. */
  private static LispParser parser() {
    LispParser parser = new LispParser();
    parser.setEscapeChars(null);
    return parser;
  }

  /** Asks JLine for more lines while the input ends inside an unfinished datum. */
  private static final class LispParser extends DefaultParser {
    @Override
    public org.jline.reader.ParsedLine parse(String line, int cursor, ParseContext context) {
      if (context == ParseContext.ACCEPT_LINE && OmniLisp.isIncomplete(line)) {
        throw new EOFError(-1, -1, "incomplete input");
      }
      return super.parse(line, cursor, context);
    }
  }
}
