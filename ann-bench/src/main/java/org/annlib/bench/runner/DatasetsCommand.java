package org.annlib.bench.runner;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.annlib.Metric;
import org.annlib.datasets.AnnBenchmarksHdf5Writer;
import org.annlib.datasets.Dataset;
import org.annlib.datasets.DatasetResolver;
import org.annlib.datasets.Datasets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./ann datasets get NAME --out FILE.hdf5}: any dataset the runner can open (a name the
 * resolver finds or downloads, the embedded set, {@code synthetic-<n>-<dim>-<metric>}, or a file:
 * ann-benchmarks HDF5 or a TEXMEX base file with its queries and ground truth beside it) written as
 * an ann-benchmarks HDF5 file with exact ground truth, so other tools run on the same data.
 */
@Command(name = "datasets", subcommands = DatasetsCommand.Get.class,
    description = "Datasets the runner can open, as files other tools can read.")
public final class DatasetsCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  HelpOption help;

  /** Where progress goes: the caller's error stream. */
  private final PrintStream err;

  DatasetsCommand(PrintStream err) {
    this.err = err;
  }

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: get");
  }

  @Command(name = "get",
      description = "Write dataset NAME (or a dataset file) as an ann-benchmarks HDF5 file.")
  static final class Get implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "A dataset name (ann-benchmarks, "
        + Datasets.EMBEDDED_NAME + ", synthetic-<n>-<dim>-<metric>) or the path of a .hdf5 or X_base.fvecs/.bvecs file.")
    String name;

    @Option(names = "--out", required = true, paramLabel = "FILE.hdf5", description = "Where to write it.")
    Path out;

    @Option(names = "--metric", paramLabel = "METRIC", description = "Metric of a TEXMEX file: euclidean (default), angular, ip.")
    String metric;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for generating data and exact ground truth.")
    int threads = Runtime.getRuntime().availableProcessors();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    HelpOption help;

    @CommandLine.ParentCommand
    DatasetsCommand parent;

    @Override
    public Integer call() throws Exception {
      if (threads <= 0) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be positive, got " + threads);
      }
      String lower = out.getFileName().toString().toLowerCase(Locale.ROOT);
      if (!lower.endsWith(".hdf5") && !lower.endsWith(".h5")) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + " must end in .hdf5 or .h5");
      }
      ConsoleProgress progress = new ConsoleProgress(parent.err);
      DatasetResolver resolver = DatasetResolver.fromEnvironment();
      Path file = Path.of(name);
      boolean isFile = name.contains("/") || Files.isRegularFile(file);
      if (metric != null && !isFile) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--metric applies to a TEXMEX file only; a named dataset has its own metric");
      }
      Dataset d = isFile
          ? Datasets.load(file, metric == null ? null : Metric.fromName(metric), resolver.cacheDir(), threads, progress)
          : resolver.open(name, threads, progress);
      AnnBenchmarksHdf5Writer.write(d, out);
      spec.commandLine().getOut().printf(Locale.ROOT, "%s: %,d x %d train, %,d test, %s, ground truth depth %d -> %s%n",
          d.name(), d.train().size(), d.dimension(), d.test().size(), d.metric().benchmarkName(),
          d.groundTruthDepth(), out);
      return 0;
    }
  }
}
