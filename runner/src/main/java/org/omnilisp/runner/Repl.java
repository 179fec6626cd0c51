package org.omnilisp.runner;

import java.io.IOError;
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
      // Ctrl-C while an evaluation runs interrupts it (at the prompt, JLine clears the line).
      terminal.handle(Terminal.Signal.INT, signal -> interruptEvaluation());
      out.println("OmniLisp REPL. :fibers lists live fibers; Ctrl-C interrupts; Ctrl-D exits.");
      out.flush();
      int terminalErrors = 0;
      while (true) {
        String input;
        try {
          input = reader.readLine("omni> ");
          terminalErrors = 0;
        } catch (UserInterruptException e) {
          continue;
        } catch (EndOfFileException e) {
          return Main.OK;
        } catch (IOError | RuntimeException e) {
          // a terminal that failed once (a mode change interrupted) usually works again
          error("terminal: " + e);
          if (++terminalErrors == 3) {
            return Main.ERROR;
          }
          continue;
        }
        evalAndPrint(input);
      }
    } catch (IOException e) {
      System.err.println("omni: cannot open the terminal: " + e.getMessage());
      return Main.ERROR;
    }
  }

  private void interruptEvaluation() {
    if (evaluating) {
      lisp.interrupt();
    }
  }

  /** Whether an evaluation runs (a Ctrl-C then interrupts it). */
  private volatile boolean evaluating;

  /** Evaluates one input and prints its value or its error; nothing thrown ends the session. */
  private void evalAndPrint(String input) {
    if (input.isBlank()) {
      return;
    }
    String source = input.strip().equals(":fibers") ? FIBERS : input;
    lisp.clearInterrupt();
    evaluating = true;
    try {
      Object value = lisp.evalHere(source, "repl");
      if (!Values.isNothing(value)) {
        out.println(Values.write(value));
      }
    } catch (LispError e) {
      error(OmniLisp.describe(e));
    } catch (StackOverflowError e) {
      error("nested too deeply (stack overflow)");
    } catch (OutOfMemoryError e) {
      error("out of memory");
    } catch (RuntimeException e) {
      error("internal error (please report it): " + e);
    } finally {
      evaluating = false;
      lisp.clearInterrupt();
    }
    out.flush();
  }

  private void error(String message) {
    out.flush();
    System.err.println("error: " + message);
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
      if (context == ParseContext.ACCEPT_LINE && isIncomplete(line)) {
        throw new EOFError(-1, -1, "incomplete input");
      }
      return super.parse(line, cursor, context);
    }

    /** A datum too deep to check is taken as complete: evaluating it reports the error. */
    private static boolean isIncomplete(String line) {
      try {
        return OmniLisp.isIncomplete(line);
      } catch (StackOverflowError | RuntimeException e) {
        return false;
      }
    }
  }
}
