package org.annlib.hnsw;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.annlib.Metric;
import org.annlib.testkit.Corruptions;
import org.annlib.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,500 damaged copies of a saved, calibrated index, each read with load and with map: only {@link
 * HnswFormatException} may escape (files of the code presets: CodePresetFileCorruptionTest in
 * ann-crinn-variants).
 */
class HnswFileCorruptionTest {
  @TempDir Path dir;

  @Test
  void damagedFilesFailWithTheFormatException() throws IOException {
    HnswIndex index = HnswIndex.builder(Metric.COSINE).m(4).efConstruction(16).threads(1)
        .build(TestData.clustered(TestData.seed(40), 300, 8, 4));
    // a calibrated index, so the damage reaches the calibration section too
    index.calibrate(TestData.clustered(TestData.seed(42), 30, 8, 4), new int[] {1, 10}, 1);
    Path good = dir.resolve("good.hnsw");
    index.save(good);
    Corruptions.assertOnlyFormatErrors(Files.readAllBytes(good), dir.resolve("damaged.hnsw"), TestData.seed(41), 1_500,
        HnswFormatException.class, f -> {
          try (HnswIndex loaded = HnswIndex.load(f)) {
            loaded.size();
          }
          try (HnswIndex mapped = HnswIndex.map(f)) {
            mapped.size();
          }
        });
  }
}
