package org.annlib.bench.runner;

import java.nio.file.Path;
import org.annlib.datasets.Datasets;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --data FILE | --dataset NAME}: where a command's dataset comes from, the same for every command. */
final class DatasetOption {
  @Option(names = "--data", paramLabel = "FILE",
      description = "An ann-benchmarks .hdf5 file, or a TEXMEX X_base.fvecs/.bvecs file.")
  Path data;

  @Option(names = "--dataset", paramLabel = "NAME", description = {"An ann-benchmarks name, found in"
      + " $ANN_DATASET_PATH or the cache, else downloaded, or synthetic-<n>-<dim>-<metric>;"
      + " default: the embedded " + Datasets.EMBEDDED_NAME + " (no network needed)."})
  String dataset;

  /** Refuses both at once, as a usage error of {@code spec}'s command. */
  void check(CommandSpec spec) {
    if (data != null && dataset != null) {
      throw new ParameterException(spec.commandLine(), "--data and --dataset exclude each other");
    }
  }
}
