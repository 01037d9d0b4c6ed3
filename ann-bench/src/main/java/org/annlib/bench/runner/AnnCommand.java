package org.annlib.bench.runner;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code ./ann}: the runner's one command line, on picocli, so every subcommand takes {@code --x=v}
 * and {@code --x v}, answers {@code --help} (or {@code ./ann help NAME}), and reports a bad command
 * line the same way: {@code ann bench: <what is wrong>} and where the help is, exit status 2. A
 * failure while running is {@code ann bench: <reason>} with exit status 1.
 */
@Command(name = "ann", subcommands = CommandLine.HelpCommand.class,
    description = "Recall/QPS benchmarks of the library's indexes and their peers.",
    footer = {"", "  ./ann jmh [JMH options]   the JMH benchmarks (-l lists them, -h explains)"})
public final class AnnCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandSpec spec;

  @CommandLine.Mixin
  HelpOption help;

  private AnnCommand() {}

  /** {@code ./ann} alone: the commands, on stderr, as a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /** Runs {@code args} (the command name first); returns the exit status: 0, 2 for a usage error, 1 for a failure. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new AnnCommand())
        .addSubcommand(new BenchCommand(out, err))
        .addSubcommand(new RoutingCommand(out, err))
        .addSubcommand(new DatasetsCommand(err));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    // The last of a repeated single-valued option wins, so a saved command line can be amended by appending.
    cli.setOverwrittenOptionsAllowed(true);
    cli.setParameterExceptionHandler((e, ignored) -> {
      CommandLine line = e.getCommandLine();
      PrintWriter w = line.getErr();
      w.println(line.getCommandSpec().qualifiedName() + ": " + e.getMessage());
      UnmatchedArgumentException.printSuggestions(e, w);
      w.println("see ./" + line.getCommandSpec().qualifiedName() + " --help");
      return 2;
    });
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println(line.getCommandSpec().qualifiedName() + ": " + reason(e));
      // A value the command line supplied and the run refused (an unknown index, a k beyond the ground truth).
      return e instanceof IllegalArgumentException ? 2 : 1;
    });
    return cli.execute(args);
  }

  private static String reason(Exception e) {
    if (e instanceof NoSuchFileException n) {
      return "no such file: " + n.getFile() + (n.getReason() == null ? "" : " (" + n.getReason() + ")");
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
