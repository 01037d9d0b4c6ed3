package org.annlib.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.annlib.Metric;
import org.annlib.ProgressListener;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnBenchmarksHdf5WriterTest {
  @TempDir
  Path dir;

  @Test
  void aWrittenSetReadsBackIdentically() throws IOException {
    Dataset d = SyntheticDataset.open(SyntheticDataset.parse("synthetic-1500-12-angular"), dir.resolve("cache"), 2,
        ProgressListener.NONE);
    Path file = dir.resolve("out/s.hdf5");
    AnnBenchmarksHdf5Writer.write(d, file);
    assertFalse(Files.exists(dir.resolve("out/s.hdf5.tmp")));
    AnnBenchmarksHdf5.Content c = AnnBenchmarksHdf5.read(file);
    assertEquals(Metric.COSINE, c.metric());
    assertEquals(d.train().size(), c.train().size());
    for (int i = 0; i < d.train().size(); i++) {
      assertArrayEquals(d.train().vector(i), c.train().vector(i), "train row " + i);
    }
    for (int q = 0; q < d.test().size(); q++) {
      assertArrayEquals(d.test().vector(q), c.test().vector(q), "test row " + q);
      assertArrayEquals(d.neighbors()[q], c.neighbors()[q], "neighbours of " + q);
      assertArrayEquals(d.distances()[q], c.distances()[q], "distances of " + q);
    }
  }

  @Test
  void annBenchmarksOwnReaderSeesTheLayout() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs python3 with h5py");
    Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import h5py, numpy").start();
    Assumptions.assumeTrue(probe.waitFor() == 0, "needs python3-h5py and python3-numpy");
    Dataset d = Datasets.embedded();
    Path file = dir.resolve("e.hdf5");
    AnnBenchmarksHdf5Writer.write(d, file);
    // What ann-benchmarks' runner reads: the distance attribute, the arrays' shapes and types.
    String script = "import h5py,sys\n"
        + "f=h5py.File(sys.argv[1],'r')\n"
        + "print(f.attrs['distance'], f.attrs['point_type'], int(f.attrs['dimension']))\n"
        + "for k in ('train','test','neighbors','distances'): print(k, f[k].shape, f[k].dtype)\n"
        + "print(int(f['neighbors'][3][0]), '%.4f' % f['train'][5][300])\n";
    Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, file.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    // jhdf writes fixed-length strings, which h5py 3 returns as bytes (variable-length ones, as h5py
    // writes them, come back as str): a reader must decode, as our Python peer does.
    String expected = "b'euclidean' b'float' 784\n"
        + "train (10000, 784) float32\n"
        + "test (1000, 784) float32\n"
        + "neighbors (1000, 100) int32\n"
        + "distances (1000, 100) float32\n"
        + d.neighbors()[3][0] + " " + String.format(java.util.Locale.ROOT, "%.4f", d.train().vector(5)[300]) + "\n";
    assertEquals(expected, out);
  }
}
