package org.annlib.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Arrays;
import org.annlib.Metric;
import org.annlib.ProgressListener;
import org.annlib.exact.GroundTruth;
import org.annlib.exact.Neighbors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our exact search against the published ground truth of Fashion-MNIST (60,000 x 784, all 10,000
 * queries, k=10). Pixels are integers 0..255, so every squared distance of a true neighbour (below
 * 2^24) is an exact integer in float32 whatever the summation order: the distances must match the
 * file's exactly, and the ids must match except where two train vectors are at the same distance
 * (the file's float64 argsort and our (distance, id) order may list tied ids differently).
 */
@Tag("data")
class FashionMnistGroundTruthTest {
  @TempDir java.nio.file.Path cache;

  @Test
  void agreesWithTheFileOnAll10000Queries() throws IOException {
    AnnBenchmarksHdf5.Content c =
        AnnBenchmarksHdf5.read(DataSuite.file("fashion-mnist-784-euclidean"));
    Neighbors ours = GroundTruth.compute(c.train(), c.test(), Metric.EUCLIDEAN, 10, 2, ProgressListener.NONE);
    int identical = 0, tiePermuted = 0;
    for (int q = 0; q < c.test().size(); q++) {
      int[] fileIds = Arrays.copyOf(c.neighbors()[q], 10);
      for (int j = 0; j < 10; j++) {
        // The file stores float32(sqrt(float64 squared distance)); compare in that representation.
        assertEquals(c.distances()[q][j], (float) Math.sqrt(ours.distances()[q][j]), 0f, "query " + q + " rank " + j);
      }
      if (Arrays.equals(fileIds, ours.ids()[q])) {
        identical++;
        continue;
      }
      for (int j = 0; j < 10; j++) {
        if (fileIds[j] != ours.ids()[q][j]) {
          // a different id at this rank is only allowed if it is at exactly the same distance:
          // recompute the file's id exactly (an integer) and compare with ours
          double fileIdSquared = squaredL2(c.test().vector(q), c.train().vector(fileIds[j]));
          assertEquals(fileIdSquared, ours.distances()[q][j], 0.0,
              "query " + q + " rank " + j + ": id " + ours.ids()[q][j] + " vs file id " + fileIds[j]);
        }
      }
      tiePermuted++;
    }
    System.out.printf("fashion-mnist ground truth k=10: %d queries identical, %d differ only by tied ids%n",
        identical, tiePermuted);
    assertEquals(10_000, identical + tiePermuted);
  }

  private static double squaredL2(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      s += d * d;
    }
    return s;
  }
}
