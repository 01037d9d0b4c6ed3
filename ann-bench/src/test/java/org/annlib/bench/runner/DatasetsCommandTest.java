package org.annlib.bench.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.annlib.datasets.AnnBenchmarksHdf5;
import org.annlib.datasets.Dataset;
import org.annlib.datasets.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsCommandTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    String[] line = new String[args.length + 1];
    line[0] = "datasets";
    System.arraycopy(args, 0, line, 1, args.length);
    return AnnCommand.run(line, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void writesTheEmbeddedSetAsAnAnnBenchmarksFile() throws Exception {
    Path file = dir.resolve("e.hdf5");
    assertEquals(0, run("get", Datasets.EMBEDDED_NAME, "--out", file.toString()), err.toString());
    assertEquals(Datasets.EMBEDDED_NAME + ": 10,000 x 784 train, 1,000 test, euclidean, ground truth depth 100 -> "
        + file + "\n", out.toString(StandardCharsets.UTF_8));
    Dataset d = Datasets.embedded();
    AnnBenchmarksHdf5.Content c = AnnBenchmarksHdf5.read(file);
    assertEquals(d.train().size(), c.train().size());
    for (int q = 0; q < d.test().size(); q += 97) {
      assertEquals(java.util.Arrays.toString(d.neighbors()[q]), java.util.Arrays.toString(c.neighbors()[q]));
    }
  }

  @Test
  void badArgumentsAreUsageErrors() {
    assertEquals(2, run("get", Datasets.EMBEDDED_NAME, "--out", dir.resolve("e.txt").toString()));
    assertTrue(err.toString().startsWith("ann datasets get: --out " + dir.resolve("e.txt") + " must end in .hdf5 or .h5"), err.toString());
    err.reset();
    assertEquals(2, run("get", Datasets.EMBEDDED_NAME));
    assertTrue(err.toString().startsWith("ann datasets get: Missing required option: '--out=FILE.hdf5'"), err.toString());
    err.reset();
    assertEquals(2, run("get", "synthetic-5-x-euclidean", "--out", dir.resolve("s.hdf5").toString()));
    assertTrue(err.toString().startsWith("ann datasets get: 'synthetic-5-x-euclidean': the dimension 'x' is not a positive"
        + " integer"), err.toString());
    err.reset();
    assertEquals(2, run("get", Datasets.EMBEDDED_NAME, "--metric", "angular", "--out", dir.resolve("m.hdf5").toString()));
    assertTrue(err.toString().startsWith("ann datasets get: --metric applies to a TEXMEX file only"), err.toString());
    err.reset();
    assertEquals(1, run("get", "/nonexistent/x_base.fvecs", "--out", dir.resolve("n.hdf5").toString()));
    assertEquals("ann datasets get: no such file: /nonexistent/x_query.fvecs (queries for /nonexistent/x_base.fvecs are"
        + " missing)\n", err.toString());
  }
}
