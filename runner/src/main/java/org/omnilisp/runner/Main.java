package org.omnilisp.runner;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.help.HelpFormatter;
import org.apache.commons.cli.help.TextHelpAppendable;
import org.omnilisp.api.LispError;
import org.omnilisp.api.OmniLisp;
import org.omnilisp.api.Values;

/**
 * The {@code omni} command: run a script, evaluate an expression, or start a REPL. Options come
 * before the script; everything after the script's name is the script's own arguments.
 */
public final class Main {
  static final int OK = 0;
  static final int ERROR = 1;
  static final int USAGE = 2;

  private static final String USAGE_LINE = "omni [OPTIONS] [FILE [ARGS...]]";
  private static final String FOOTER =
      "\nWith no FILE and no -e, starts a REPL. Exit status: 0 success; 1 uncaught error"
          + " (message and file:line:col on standard error); 2 bad command line or unreadable"
          + " script.";

  private final PrintStream out;

  private Main(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    // Line-buffered: what a long-running script prints shows up as it goes.
    PrintStream out =
        new PrintStream(
            new BufferedOutputStream(
                new StdoutGuard(new FileOutputStream(FileDescriptor.out)), 1 << 16),
            true,
            StandardCharsets.UTF_8);
    int status;
    try {
      status = new Main(out).run(args);
    } catch (RuntimeException e) {
      out.flush();
      System.err.println("omni: internal error (please report it): " + e);
      status = ERROR;
    }
    out.flush();
    System.exit(status);
  }

  static Options options() {
    Options options = new Options();
    options.addOption(
        Option.builder("e")
            .longOpt("eval")
            .hasArg()
            .argName("EXPR")
            .desc("evaluate EXPR and print its value (nothing prints nothing)")
            .get());
    options.addOption(
        Option.builder("p")
            .longOpt("pool-size")
            .hasArg()
            .argName("N")
            .desc("run fibers on N threads (default: the number of cores)")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("cluster")
            .hasArg()
            .argName("HOST:PORT")
            .desc("join a cluster as the node HOST:PORT (LANGUAGE.md §14)")
            .get());
    options.addOption(
        Option.builder()
            .longOpt("seed")
            .hasArg()
            .argName("HOST:PORT")
            .desc("a node to join the cluster through (repeatable; none: form a new cluster)")
            .get());
    options.addOption(Option.builder("h").longOpt("help").desc("show this help and exit").get());
    options.addOption(
        Option.builder("V").longOpt("version").desc("print version information and exit").get());
    return options;
  }

  int run(String[] args) {
    CommandLine cli;
    try {
      cli =
          DefaultParser.builder()
              .setStripLeadingAndTrailingQuotes(false)
              .get()
              .parse(options(), args, true);
    } catch (ParseException e) {
      System.err.println("omni: " + e.getMessage() + " (see omni --help)");
      return USAGE;
    }
    if (cli.hasOption("help")) {
      printHelp();
      return OK;
    }
    if (cli.hasOption("version")) {
      Version.lines().forEach(out::println);
      return OK;
    }
    List<String> rest = cli.getArgList();
    if (!rest.isEmpty() && rest.get(0).startsWith("-") && rest.get(0).length() > 1) {
      System.err.println("omni: unknown option " + rest.get(0) + " (see omni --help)");
      return USAGE;
    }
    if (System.getProperty("omni.modules") == null) {
      // the runner's add-on modules, named: looking them up would open every jar (see FiberRuntime)
      System.setProperty(
          "omni.modules",
          org.omnilisp.http.HttpModule.class.getName()
              + ","
              + org.omnilisp.cluster.ClusterModule.class.getName());
    }
    OmniLisp runtime;
    boolean clusterNode = ClusterOptions.wanted(cli);
    try {
      // plain scripts read no configuration at start-up (the runtime reads it when first needed,
      // the runner's Pekko settings from its application.conf)
      runtime =
          clusterNode ? OmniLisp.create(out, ClusterOptions.config(cli)) : OmniLisp.create(out);
    } catch (IllegalArgumentException e) {
      System.err.println("omni: " + e.getMessage());
      return USAGE;
    }
    try (OmniLisp lisp = runtime) {
      if (cli.hasOption("pool-size")) {
        Integer n = positive(cli.getOptionValue("pool-size"));
        if (n == null) {
          System.err.println(
              "omni: --pool-size must be a positive integer (at most "
                  + OmniLisp.MAX_POOL_SIZE
                  + "), got "
                  + cli.getOptionValue("pool-size"));
          return USAGE;
        }
        lisp.setPoolSize(n);
      }
      if (cli.hasOption("eval")) {
        CommandLineArgs.install(lisp, rest);
        lisp.onOutOfMemory(this::outOfMemory);
        try {
          return evalExpression(lisp, cli.getOptionValue("eval"));
        } catch (OutOfMemoryError e) {
          outOfMemory("the main program (-e)");
          return ERROR;
        }
      }
      if (!rest.isEmpty()) {
        CommandLineArgs.install(lisp, rest.subList(1, rest.size()));
        lisp.onOutOfMemory(this::outOfMemory);
        try {
          return runScript(lisp, Path.of(rest.get(0)));
        } catch (OutOfMemoryError e) {
          outOfMemory("the main program (" + rest.get(0) + ")");
          return ERROR;
        }
      }
      CommandLineArgs.install(lisp, List.of());
      return new Repl(lisp, out).run();
    } finally {
      if (clusterNode) {
        leaveCluster(runtime);
      }
    }
  }

  /** How long a cluster node's runner waits, at its end, for its node to leave the cluster. */
  private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(10);

  /**
   * A cluster node does not end the process the moment its program is done: its last remote
   * messages (a {@code close} of another node's channel is not acknowledged) go out first, and the
   * node leaves the cluster, so the others see it leave instead of becoming unreachable.
   */
  private static void leaveCluster(OmniLisp runtime) {
    if (!runtime.awaitStopped(LEAVE_TIMEOUT)) {
      System.err.println(
          "omni: the cluster node did not stop within "
              + LEAVE_TIMEOUT.toSeconds()
              + " s; ending anyway");
    }
  }

  private static Integer positive(String text) {
    try {
      int n = Integer.parseInt(text);
      return n >= 1 && n <= OmniLisp.MAX_POOL_SIZE ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void printHelp() {
    try {
      HelpFormatter.builder()
          .setShowSince(false)
          .setHelpAppendable(new TextHelpAppendable(out))
          .get()
          .printHelp(
              USAGE_LINE,
              "Runs OmniLisp: a script, an expression, or a REPL.",
              options(),
              FOOTER,
              false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int evalExpression(OmniLisp lisp, String expression) {
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

  private int runScript(OmniLisp lisp, Path script) {
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

  /**
   * Out of memory in a script or {@code -e}: one line on standard error, status 1, and no wait for
   * anything (the actor system may be in no state to stop cleanly). Synchronized: when several
   * threads run out at once, the first reports and halts the process while the others wait.
   */
  private synchronized void outOfMemory(String what) {
    System.err.println("omni: out of memory in " + what);
    System.err.flush();
    Runtime.getRuntime().halt(ERROR);
  }

  private int report(LispError e) {
    out.flush();
    System.err.println("error: " + OmniLisp.describeWithChain(e));
    return ERROR;
  }

  /** For tests: runs the command line with {@code out} as standard output. */
  static int run(String[] args, PrintStream out) {
    return new Main(out).run(Arrays.copyOf(args, args.length));
  }
}
