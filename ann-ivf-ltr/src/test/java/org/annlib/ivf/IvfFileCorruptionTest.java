package org.annlib.ivf;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.annlib.Metric;
import org.annlib.testkit.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of damaged copies of saved IVF indexes (float32 lists with centroid routing, SQ8 lists
 * with the learned router): each either fails with {@link IvfFormatException} or loads; no other
 * exception escapes.
 */
class IvfFileCorruptionTest {
  private static final int CASES = 1_500;

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
      byte[] valid = Files.readAllBytes(good);
      SplittableRandom r = new SplittableRandom(TestData.seed(51 + i));
      Path f = dir.resolve("damaged.ivf");
      for (int c = 0; c < CASES; c++) {
        byte[] b;
        String what;
        if (c % 2 == 0) {
          int len = r.nextInt(valid.length);
          b = Arrays.copyOf(valid, len);
          what = "truncated to " + len;
        } else {
          b = valid.clone();
          int at = r.nextInt(b.length);
          b[at] ^= (byte) (1 + r.nextInt(255));
          what = "byte " + at + " flipped";
        }
        Files.write(f, b);
        try {
          IvfIndex.load(f).size();
        } catch (IvfFormatException expected) {
          // named damage
        } catch (Exception | Error e) {
          fail("index " + i + " file " + what + " (" + TestData.seedInfo() + "): " + e, e);
        }
      }
    }
  }
}
