package org.annlib.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.annlib.Metric;
import org.annlib.ProgressListener;
import org.annlib.exact.ExactDistance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnBenchmarksHdf5Test {
  @TempDir Path cache;

  static Path fixture(String name) {
    try {
      return Path.of(AnnBenchmarksHdf5Test.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void readsAContiguousH5pyFileWithItsOwnGroundTruth() throws IOException {
    Dataset d = Datasets.load(fixture("tiny-8-euclidean.hdf5"), null, cache, 1, ProgressListener.NONE);
    assertEquals(Metric.EUCLIDEAN, d.metric());
    assertEquals(200, d.train().size());
    assertEquals(12, d.test().size());
    assertEquals(8, d.dimension());
    assertEquals(10, d.groundTruthDepth());
    for (int q = 0; q < 12; q++) {
      for (int j = 0; j < 10; j++) {
        double exact = ExactDistance.benchmarkDistance(Metric.EUCLIDEAN, d.test().vector(q), d.train().vector(d.neighbors()[q][j]));
        assertEquals(exact, d.distances()[q][j], 1e-5, "query " + q + " rank " + j);
      }
    }
  }

  @Test
  void angularFilesUseCosineDistance() throws IOException {
    Dataset d = Datasets.load(fixture("tiny-8-angular.hdf5"), null, cache, 1, ProgressListener.NONE);
    assertEquals(Metric.COSINE, d.metric());
    double exact = ExactDistance.benchmarkDistance(Metric.COSINE, d.test().vector(3), d.train().vector(d.neighbors()[3][0]));
    assertEquals(exact, d.distances()[3][0], 1e-6);
  }

  @Test
  void missingGroundTruthIsComputedExactlyAndCached() throws IOException {
    Path f = fixture("tiny-8-euclidean-nogt.hdf5");
    Dataset d = Datasets.load(f, null, cache, 2, ProgressListener.NONE);
    assertEquals(100, d.groundTruthDepth());
    try (var files = Files.list(cache)) {
      assertEquals(2, files.filter(p -> p.getFileName().toString().contains(".gt100.")).count());
    }
    for (int q = 0; q < d.test().size(); q++) {
      double prev = -1;
      for (int j = 0; j < 100; j++) {
        assertTrue(d.distances()[q][j] >= prev, "best first");
        prev = d.distances()[q][j];
      }
      // nothing outside the list is nearer than its last entry
      for (int i = 0; i < d.train().size(); i++) {
        double e = ExactDistance.benchmarkDistance(Metric.EUCLIDEAN, d.test().vector(q), d.train().vector(i));
        final int id = i;
        boolean listed = java.util.Arrays.stream(d.neighbors()[q]).anyMatch(x -> x == id);
        assertTrue(listed || e >= prev - 1e-6, "id " + i + " at " + e + " beats the 100th at " + prev);
      }
    }
    Dataset again = Datasets.load(f, null, cache, 1, ProgressListener.NONE);
    assertArrayEquals(d.neighbors()[5], again.neighbors()[5]);
    assertArrayEquals(d.distances()[5], again.distances()[5]);
  }

  @Test
  void theEmbeddedDatasetIsTheFirst10kOfFashionMnistWithExactTop100() {
    Dataset d = Datasets.embedded();
    assertEquals(Datasets.EMBEDDED_NAME, d.name());
    assertEquals(Metric.EUCLIDEAN, d.metric());
    assertEquals(10_000, d.train().size());
    assertEquals(1_000, d.test().size());
    assertEquals(784, d.dimension());
    assertEquals(100, d.groundTruthDepth());
    float[] v = d.train().vector(123);
    for (float x : v) {
      assertTrue(x >= 0 && x <= 255 && x == Math.rint(x), "uint8 pixels widened exactly");
    }
  }

  @Test
  @Tag("data")
  void readsTheCompressedChunkedFullFashionMnist() throws IOException {
    Dataset full = Datasets.load(DataSuite.file("fashion-mnist-784-euclidean"), null, cache, 2, ProgressListener.NONE);
    assertEquals(60_000, full.train().size());
    assertEquals(10_000, full.test().size());
    assertEquals(100, full.groundTruthDepth());
    Dataset small = Datasets.embedded();
    for (int i : new int[] {0, 1, 4_567, 9_999}) {
      assertArrayEquals(full.train().vector(i), small.train().vector(i), "train row " + i);
    }
    assertArrayEquals(full.test().vector(999), small.test().vector(999));
  }

  @Test
  void badFilesAreNamed() throws IOException {
    Path notHdf5 = cache.resolve("x.hdf5");
    Files.writeString(notHdf5, "hello, not hdf5");
    DatasetFormatException e1 = assertThrows(DatasetFormatException.class,
        () -> Datasets.load(notHdf5, null, cache, 1, ProgressListener.NONE));
    assertEquals(notHdf5 + " is not an HDF5 file (no HDF5 signature at offset 0)", e1.getMessage());

    Path noTrain = fixture("no-train.hdf5");
    DatasetFormatException e2 = assertThrows(DatasetFormatException.class,
        () -> Datasets.load(noTrain, null, cache, 1, ProgressListener.NONE));
    assertEquals(noTrain + " has no 'train' dataset; an ann-benchmarks file has train, test, neighbors, distances",
        e2.getMessage());

    byte[] whole = Files.readAllBytes(fixture("tiny-8-euclidean.hdf5"));
    Path truncated = cache.resolve("truncated.hdf5");
    Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
    DatasetFormatException e3 = assertThrows(DatasetFormatException.class,
        () -> Datasets.load(truncated, null, cache, 1, ProgressListener.NONE));
    assertTrue(e3.getMessage().startsWith(truncated + " could not be read as HDF5"), e3.getMessage());

    IllegalArgumentException e4 = assertThrows(IllegalArgumentException.class,
        () -> Datasets.load(fixture("tiny-8-euclidean.hdf5"), Metric.COSINE, cache, 1, ProgressListener.NONE));
    assertTrue(e4.getMessage().endsWith("is a euclidean dataset; --metric angular contradicts it"), e4.getMessage());

    Path txt = cache.resolve("data.csv");
    Files.writeString(txt, "1,2,3");
    DatasetFormatException e5 = assertThrows(DatasetFormatException.class,
        () -> Datasets.load(txt, null, cache, 1, ProgressListener.NONE));
    assertEquals(txt + ": unknown dataset format; expected an ann-benchmarks .hdf5 file or a TEXMEX X_base.fvecs/.bvecs file",
        e5.getMessage());
  }
}
