package org.annlib.ivf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.annlib.Metric;
import org.annlib.testkit.Corruptions;
import org.annlib.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,500 damaged copies each of two saved IVF indexes (float32 lists with centroid routing, SQ8
 * lists with the learned router): only {@link IvfFormatException} may escape.
 */
class IvfFileCorruptionTest {
  @TempDir Path dir;

  @Test
  void damagedFilesFailWithTheFormatException() throws IOException {
    var base = TestData.clustered(TestData.seed(50), 400, 8, 4);
    IvfIndex[] indexes = {IvfIndex.builder(Metric.EUCLIDEAN).nlist(8).threads(1).build(base),
        IvfIndex.builder(Metric.INNER_PRODUCT).nlist(8).threads(1).router("ltr").encoding("sq8").epochs(2)
            .trainingQueries(200).build(base)};
    for (int i = 0; i < indexes.length; i++) {
      Path good = dir.resolve(i + ".ivf");
      indexes[i].save(good);
      Corruptions.assertOnlyFormatErrors(Files.readAllBytes(good), dir.resolve("damaged.ivf"), TestData.seed(51 + i),
          1_500, IvfFormatException.class, f -> IvfIndex.load(f).size());
    }
  }
}
