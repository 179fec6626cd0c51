package org.omnilisp.runner;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.omnilisp.api.LispError;
import org.omnilisp.api.OmniLisp;
import org.omnilisp.api.Values;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code omni} command: run a script, evaluate an expression, or start a REPL. */
@Command(
    name = "omni",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Runs OmniLisp: a script, an expression, or (with no arguments) a REPL.",
    footer = {
      "",
      "Exit status: 0 success; 1 uncaught error (message on standard error);",
      "2 bad command line or unreadable script."
    })
public final class Main implements Callable<Integer> {
  static final int OK = 0;
  static final int ERROR = 1;
  static final int USAGE = 2;

  @Option(
      names = {"-e", "--eval"},
      paramLabel = "EXPR",
      description = "Evaluate EXPR and print its value (nothing prints nothing).")
  private String expression;

  @Option(
      names = {"-p", "--pool-size"},
      paramLabel = "N",
      description = "Run fibers on N threads (default: the number of cores).")
  private Integer poolSize;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Script to run.")
  private Path script;

  @Parameters(
      index = "1..*",
      paramLabel = "ARGS",
      description = "Arguments for the script, available as (command-line).")
  private List<String> scriptArgs = new ArrayList<>();

  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
            false,
            StandardCharsets.UTF_8);
    int status = run(args, out);
    out.flush();
    System.exit(status);
  }

  static int run(String[] args, PrintStream out) {
    CommandLine cli = new CommandLine(new Main(out));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          out.flush();
          System.err.println("omni: internal error (please report it): " + e);
          return ERROR;
        });
    cli.setStopAtPositional(true);
    cli.setUnmatchedOptionsArePositionalParams(false);
    return cli.execute(args);
  }

  private final PrintStream out;

  private Main(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() {
    try (OmniLisp lisp = OmniLisp.create(out)) {
      CommandLineArgs.install(lisp, scriptArgs);
      if (poolSize != null) {
        if (poolSize < 1) {
          System.err.println("omni: --pool-size must be a positive integer, got " + poolSize);
          return USAGE;
        }
        lisp.setPoolSize(poolSize);
      }
      if (expression != null) {
        return evalExpression(lisp);
      }
      if (script != null) {
        return runScript(lisp);
      }
      return new Repl(lisp, out).run();
    }
  }

  private int evalExpression(OmniLisp lisp) {
    try {
      Object value = lisp.evalHere(expression, "-e");
      if (!Values.isNothing(value)) {
        out.println(Values.write(value));
      }
      return OK;
    } catch (LispError e) {
      return report(e);
    }
  }

  private int runScript(OmniLisp lisp) {
    try {
      lisp.evalFileHere(script);
      return OK;
    } catch (LispError e) {
      return report(e);
    } catch (NoSuchFileException e) {
      out.flush();
      System.err.println("omni: no such file: " + script);
      return USAGE;
    } catch (IOException e) {
      out.flush();
      System.err.println("omni: cannot read " + script + ": " + e.getMessage());
      return USAGE;
    }
  }

  private int report(LispError e) {
    out.flush();
    System.err.println("error: " + OmniLisp.describe(e));
    return ERROR;
  }
}
