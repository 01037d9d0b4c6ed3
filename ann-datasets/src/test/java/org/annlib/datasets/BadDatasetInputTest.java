package org.annlib.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.annlib.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are well formed but say something impossible: each is refused with its problem named. */
class BadDatasetInputTest {
  @TempDir Path dir;

  private static float[][] rows(int n, int dim, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] v = new float[n][dim];
    for (float[] row : v) for (int j = 0; j < dim; j++) row[j] = (float) r.nextGaussian();
    return v;
  }

  private Path hdf5(String name, float[][] train, float[][] test, Object neighbors) {
    Path f = dir.resolve(name);
    try (WritableHdfFile w = HdfFile.write(f)) {
      w.putAttribute("distance", "euclidean");
      w.putDataset("train", train);
      w.putDataset("test", test);
      if (neighbors != null) {
        w.putDataset("neighbors", neighbors);
      }
    }
    return f;
  }

  private DatasetFormatException refused(Path f) {
    return assertThrows(DatasetFormatException.class, () -> Datasets.load(f, null, dir, 1, ProgressListener.NONE));
  }

  @Test
  void anHdf5FileWithNoQueriesIsRefused() {
    // made with h5py (jhdf cannot write a 0 x 4 dataset): train 20 x 4, test 0 x 4, no ground truth
    Path f = AnnBenchmarksHdf5Test.fixture("no-queries.hdf5");
    assertEquals(f + ": 'test' has 0 rows; a benchmark needs base vectors and at least one query",
        refused(f).getMessage());
  }

  @Test
  void int64NeighbourIdsBeyondTheIntRangeAreRefused() {
    long[][] ids = {{0, 1}, {2, 1L << 33}};
    Path f = hdf5("wide.hdf5", rows(20, 4, 2), rows(2, 4, 3), ids);
    assertEquals(f + ": 'neighbors' row 1 holds 8589934592 at column 1, beyond the int range of vector ids",
        refused(f).getMessage());
  }

  @Test
  void int64NeighbourIdsInRangeAreRead() throws IOException {
    long[][] ids = {{0, 1}, {2, 19}};
    Path f = hdf5("long-ok.hdf5", rows(20, 4, 2), rows(2, 4, 3), ids);
    AnnBenchmarksHdf5.Content c = AnnBenchmarksHdf5.read(f);
    assertEquals(java.util.List.of(0, 1, 2, 19), java.util.List.of(c.neighbors()[0][0], c.neighbors()[0][1],
        c.neighbors()[1][0], c.neighbors()[1][1]));
  }

  @Test
  void texmexQueriesOfAnotherDimensionAreRefused() throws IOException {
    Path base = dir.resolve("s_base.fvecs");
    Texmex.writeFvecs(base, rows(30, 8, 4));
    Texmex.writeFvecs(dir.resolve("s_query.fvecs"), rows(3, 7, 5));
    assertEquals(dir.resolve("s_query.fvecs") + " has dimension 7, " + base + " has 8", refused(base).getMessage());
  }

  @Test
  void texmexGroundTruthIdsOutsideTheBaseAreRefused() throws IOException {
    Path base = dir.resolve("t_base.fvecs");
    Texmex.writeFvecs(base, rows(30, 8, 6));
    Texmex.writeFvecs(dir.resolve("t_query.fvecs"), rows(2, 8, 7));
    Path gt = dir.resolve("t_groundtruth.ivecs");
    Texmex.writeIvecs(gt, new int[][] {{0, 1, 2}, {3, 30, 4}});
    assertEquals(gt + ": row 1 names id 30, outside " + base + "'s [0, 30)", refused(base).getMessage());
    Texmex.writeIvecs(gt, new int[][] {{0, 1, 2}, {3, -1, 4}});
    assertEquals(gt + ": row 1 names id -1, outside " + base + "'s [0, 30)", refused(base).getMessage());
  }
}
