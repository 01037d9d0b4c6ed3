package org.annlib.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import org.annlib.Metric;
import org.annlib.ProgressListener;
import org.annlib.exact.ExactDistance;
import org.annlib.vectors.OffHeapVectorValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDatasetTest {
  @TempDir
  Path cache;

  @Test
  void namesParseAndBadNamesSayWhatIsWrong() {
    assertEquals(new SyntheticDataset.Spec(1_000_000, 128, Metric.EUCLIDEAN),
        SyntheticDataset.parse("synthetic-1000000-128-euclidean"));
    assertEquals(Metric.COSINE, SyntheticDataset.parse("synthetic-10-4-angular").metric());
    assertEquals(Metric.INNER_PRODUCT, SyntheticDataset.parse("synthetic-10-4-dot").metric());
    String form = "a synthetic dataset is named synthetic-<n>-<dim>-<metric>, for example synthetic-1000000-128-euclidean";
    assertEquals("'synthetic-10-4': " + form, message("synthetic-10-4"));
    assertEquals("'synthetic-0-4-euclidean': the size '0' is not a positive integer; " + form,
        message("synthetic-0-4-euclidean"));
    assertEquals("'synthetic-10-x-euclidean': the dimension 'x' is not a positive integer; " + form,
        message("synthetic-10-x-euclidean"));
    assertEquals("'synthetic-10-+4-euclidean': the dimension '+4' is not a positive integer; " + form,
        message("synthetic-10-+4-euclidean"));
    assertEquals("'synthetic-99999999999-4-euclidean': size must be at most 2147483639 and dimension at most 65536",
        message("synthetic-99999999999-4-euclidean"));
    assertTrue(message("synthetic-10-4-hamming").startsWith("'synthetic-10-4-hamming': unknown metric 'hamming'"),
        message("synthetic-10-4-hamming"));
    assertEquals("'synthetic-010-4-cosine': write it as synthetic-10-4-angular", message("synthetic-010-4-cosine"));
  }

  private static String message(String name) {
    return assertThrows(IllegalArgumentException.class, () -> SyntheticDataset.parse(name)).getMessage();
  }

  @Test
  void aSetIsItsNameAlone() throws IOException {
    Dataset a = SyntheticDataset.open(SyntheticDataset.parse("synthetic-3000-16-euclidean"), cache.resolve("a"), 2,
        ProgressListener.NONE);
    Dataset b = SyntheticDataset.open(SyntheticDataset.parse("synthetic-3000-16-euclidean"), cache.resolve("b"), 1,
        ProgressListener.NONE);
    assertEquals(3000, a.train().size());
    assertEquals(16, a.dimension());
    assertEquals(SyntheticDataset.QUERIES, a.test().size());
    assertEquals(100, a.groundTruthDepth());
    assertTrue(a.train() instanceof OffHeapVectorValues, "the base vectors are mapped, not on the heap");
    // One thread or two, any cache folder: the same bytes.
    assertArrayEquals(Files.readAllBytes(baseFile(cache.resolve("a"), 3000, 16)),
        Files.readAllBytes(baseFile(cache.resolve("b"), 3000, 16)));
    for (int q = 0; q < 50; q++) {
      assertArrayEquals(a.test().vector(q), b.test().vector(q));
      assertArrayEquals(a.neighbors()[q], b.neighbors()[q]);
    }
    // A smaller set is a prefix of a larger one.
    Dataset small = SyntheticDataset.open(SyntheticDataset.parse("synthetic-1000-16-euclidean"), cache.resolve("a"), 2,
        ProgressListener.NONE);
    byte[] big = Files.readAllBytes(baseFile(cache.resolve("a"), 3000, 16));
    assertArrayEquals(Arrays.copyOf(big, 1000 * 16 * 4), Files.readAllBytes(baseFile(cache.resolve("a"), 1000, 16)));
    assertArrayEquals(a.test().vector(7), small.test().vector(7));
  }

  @Test
  void theGeneratorIsPinned() {
    // Changing SyntheticMixture changes every published figure on these sets: bump VERSION with it.
    float[] row = new float[4];
    new SyntheticMixture(4).row(SyntheticMixture.BASE, 0, row);
    assertArrayEquals(PINNED_ROW0, row, "SyntheticMixture changed: bump SyntheticDataset.VERSION and update this row");
    assertEquals(1, SyntheticDataset.VERSION);
  }

  private static final float[] PINNED_ROW0 = {0.16190922f, -1.3187687f, -0.8384751f, 0.754878f};

  @Test
  void groundTruthIsExactAndComputedOnce() throws IOException {
    SyntheticDataset.Spec spec = SyntheticDataset.parse("synthetic-2000-8-angular");
    Dataset d = SyntheticDataset.open(spec, cache, 2, ProgressListener.NONE);
    for (int q = 0; q < 20; q++) {
      float[] query = d.test().vector(q);
      Integer[] order = new Integer[d.train().size()];
      double[] dist = new double[order.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
        dist[i] = ExactDistance.benchmarkDistance(Metric.COSINE, query, d.train().vector(i));
      }
      Arrays.sort(order, (x, y) -> dist[x] != dist[y] ? Double.compare(dist[x], dist[y]) : Integer.compare(x, y));
      for (int j = 0; j < 10; j++) {
        assertEquals(order[j], d.neighbors()[q][j], "query " + q + " rank " + j);
        assertEquals(dist[order[j]], d.distances()[q][j], 1e-5);
      }
    }
    Path[] gt;
    try (var files = Files.list(cache)) {
      gt = files.filter(p -> p.getFileName().toString().contains(".gt100.")).toArray(Path[]::new);
    }
    assertEquals(2, gt.length, Arrays.toString(gt));
    FileTime before = Files.getLastModifiedTime(gt[0]);
    Files.setLastModifiedTime(gt[0], FileTime.fromMillis(before.toMillis() - 60_000));
    FileTime marked = Files.getLastModifiedTime(gt[0]);
    Dataset again = SyntheticDataset.open(spec, cache, 2, ProgressListener.NONE);
    assertEquals(marked, Files.getLastModifiedTime(gt[0]), "the cached ground truth is reused, not rewritten");
    assertArrayEquals(d.neighbors()[3], again.neighbors()[3]);
  }

  @Test
  void theResolverOpensSyntheticNames() throws IOException {
    DatasetResolver r = new DatasetResolver(java.util.List.of(), cache, DatasetResolver.ANN_BENCHMARKS, new Download());
    Dataset d = r.open("synthetic-500-4-dot", 1, ProgressListener.NONE);
    assertEquals("synthetic-500-4-dot", d.name());
    assertEquals(Metric.INNER_PRODUCT, d.metric());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> r.open("synthetic-500-4", 1, ProgressListener.NONE));
    assertTrue(e.getMessage().startsWith("'synthetic-500-4': a synthetic dataset is named"), e.getMessage());
  }

  private static Path baseFile(Path dir, int n, int dim) {
    return dir.resolve("synthetic-" + n + "-" + dim + ".v1.f32");
  }
}
