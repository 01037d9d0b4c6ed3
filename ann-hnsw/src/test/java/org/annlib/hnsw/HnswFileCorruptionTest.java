package org.annlib.hnsw;

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
 * Thousands of damaged copies of a saved index (random truncations, random byte flips), read with
 * load and with map: each either fails with {@link HnswFormatException} or, for the rare flip the
 * checksum cannot see (none so far), loads; no other exception escapes. The original file is
 * never touched.
 */
class HnswFileCorruptionTest {
  private static final int CASES = 1_500;

  @TempDir Path dir;

  @Test
  void damagedFilesFailWithTheFormatException() throws IOException {
    for (String preset : new String[] {"default"}) { // code presets live in ann-crinn-variants; same reader
      HnswIndex index = HnswIndex.builder(Metric.COSINE).preset(preset).m(4).efConstruction(16).threads(1)
          .build(TestData.clustered(TestData.seed(40), 300, 8, 4));
      Path good = dir.resolve(preset + ".hnsw");
      index.save(good);
      byte[] valid = Files.readAllBytes(good);
      SplittableRandom r = new SplittableRandom(TestData.seed(41));
      Path f = dir.resolve("damaged.hnsw");
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
        for (boolean map : new boolean[] {false, true}) {
          try (HnswIndex loaded = map ? HnswIndex.map(f) : HnswIndex.load(f)) {
            loaded.size();
          } catch (HnswFormatException expected) {
            // named damage
          } catch (Exception | Error e) {
            fail(preset + " file " + what + " (" + (map ? "map" : "load") + ", " + TestData.seedInfo() + "): " + e, e);
          }
        }
      }
      if (!Arrays.equals(valid, Files.readAllBytes(good))) {
        fail("the original file changed");
      }
    }
  }
}
