package org.annlib.crinn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.annlib.Metric;
import org.annlib.hnsw.HnswFormatException;
import org.annlib.hnsw.HnswIndex;
import org.annlib.testkit.Corruptions;
import org.annlib.testkit.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** 1,000 damaged copies of a saved code-preset index, read with load and map: only the format exception escapes. */
class CodePresetFileCorruptionTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"glass", "crinn", "crinn-seeds"})
  void damagedFilesFailWithTheFormatException(String preset) throws IOException {
    HnswIndex index = HnswIndex.builder(Metric.EUCLIDEAN).preset(preset).m(4).efConstruction(16).threads(1)
        .build(TestData.clustered(TestData.seed(60), 300, 8, 4));
    Path good = dir.resolve(preset + ".hnsw");
    index.save(good);
    Corruptions.assertOnlyFormatErrors(Files.readAllBytes(good), dir.resolve("damaged.hnsw"), TestData.seed(61), 1_000,
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
