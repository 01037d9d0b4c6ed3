package org.annlib.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.annlib.bench.runner.BenchCommand;
import org.annlib.bench.runner.UsageException;

/**
 * Entry point of the benchmark jar, started by {@code ./ann}: {@code bench} runs the recall/QPS
 * runner, {@code datasets} writes datasets as files, {@code jmh} hands the rest of the arguments to JMH. Exit status 0 on success, 2 for a
 * usage error, 1 for any other failure, each with a one-line reason on stderr.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    // An application, not library code: plots are drawn without a display.
    System.setProperty("java.awt.headless", "true");
    System.exit(run(args));
  }

  static int run(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
      System.out.println(BenchCommand.USAGE);
      System.out.println("       ./ann routing [options]   (learned vs centroid IVF routing; --help explains)");
      System.out.println("       ./ann datasets get NAME --out FILE.hdf5   (any dataset as an ann-benchmarks file)");
      System.out.println("       ./ann jmh [JMH options]   (JMH benchmarks; -l lists them, -h explains)");
      return args.length == 0 ? 2 : 0;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "bench" -> {
        try {
          return BenchCommand.run(rest, System.out, System.err);
        } catch (UsageException | IllegalArgumentException e) {
          System.err.println("ann bench: " + e.getMessage());
          return 2;
        } catch (java.nio.file.NoSuchFileException e) {
          System.err.println("ann bench: no such file: " + e.getFile()
              + (e.getReason() == null ? "" : " (" + e.getReason() + ")"));
          return 1;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
          System.err.println("ann bench: " + e.getMessage());
          return 1;
        }
      }
      case "routing" -> {
        try {
          return org.annlib.bench.runner.RoutingCommand.run(rest, System.out, System.err);
        } catch (UsageException | IllegalArgumentException e) {
          System.err.println("ann routing: " + e.getMessage());
          return 2;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
          System.err.println("ann routing: " + e.getMessage());
          return 1;
        }
      }
      case "datasets" -> {
        return org.annlib.bench.runner.DatasetsCommand.run(rest, System.out, System.err);
      }
      case "jmh" -> {
        org.openjdk.jmh.Main.main(rest);
        return 0;
      }
      default -> {
        System.err.println("ann: unknown command '" + args[0] + "'; known: bench, routing, datasets, jmh, help");
        return 2;
      }
    }
  }
}
