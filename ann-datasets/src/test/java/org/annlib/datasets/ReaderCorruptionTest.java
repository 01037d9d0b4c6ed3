package org.annlib.datasets;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.annlib.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of damaged copies of valid files (random truncations, random byte flips): a reader
 * either reads the file or throws its own {@link DatasetFormatException}; nothing else escapes
 * (no index-out-of-bounds, no arithmetic or buffer exception, no NoSuchFile for the file itself).
 */
class ReaderCorruptionTest {
  private static final int CASES = 2_000;

  @TempDir Path dir;

  interface Reader {
    void read(Path file) throws IOException;
  }

  private void corruptAndRead(byte[] valid, String fileName, long seed, Reader reader) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    Path f = dir.resolve(fileName);
    for (int c = 0; c < CASES; c++) {
      byte[] b;
      String what;
      if (c % 2 == 0) {
        int len = r.nextInt(valid.length);
        b = Arrays.copyOf(valid, len);
        what = "truncated to " + len + " bytes";
      } else {
        b = valid.clone();
        int flips = 1 + r.nextInt(4);
        StringBuilder sb = new StringBuilder("bytes flipped at");
        for (int i = 0; i < flips; i++) {
          int at = r.nextInt(b.length);
          b[at] ^= (byte) (1 + r.nextInt(255));
          sb.append(' ').append(at);
        }
        what = sb.toString();
      }
      Files.write(f, b);
      try {
        reader.read(f);
      } catch (DatasetFormatException expected) {
        // the reader's own, named failure
      } catch (Exception | StackOverflowError e) {
        fail(fileName + " " + what + " (case " + c + ", seed " + seed + "): " + e, e);
      }
    }
  }

  @Test
  void damagedHdf5FilesFailWithTheReadersOwnException() throws IOException {
    byte[] valid = Files.readAllBytes(AnnBenchmarksHdf5Test.fixture("tiny-8-euclidean.hdf5"));
    corruptAndRead(valid, "x.hdf5", 11, f -> Datasets.load(f, null, dir.resolve("cache"), 1, ProgressListener.NONE));
  }

  @Test
  void damagedFvecsAndIvecsFailWithTheReadersOwnException() throws IOException {
    SplittableRandom r = new SplittableRandom(3);
    float[][] rows = new float[40][12];
    int[][] ids = new int[40][5];
    for (int i = 0; i < 40; i++) {
      for (int j = 0; j < 12; j++) rows[i][j] = (float) r.nextGaussian();
      for (int j = 0; j < 5; j++) ids[i][j] = r.nextInt(40);
    }
    Path fv = dir.resolve("valid.fvecs");
    Path iv = dir.resolve("valid.ivecs");
    Texmex.writeFvecs(fv, rows);
    Texmex.writeIvecs(iv, ids);
    corruptAndRead(Files.readAllBytes(fv), "x.fvecs", 12, f -> Texmex.readFvecs(f, Integer.MAX_VALUE));
    corruptAndRead(Files.readAllBytes(iv), "x.ivecs", 13, Texmex::readIvecs);
    corruptAndRead(Files.readAllBytes(fv), "x.bvecs", 14, f -> Texmex.readBvecs(f, Integer.MAX_VALUE));
  }

  @Test
  void damagedTexmexSetsFailWithTheReadersOwnException() throws IOException {
    SplittableRandom r = new SplittableRandom(4);
    float[][] base = new float[30][6];
    float[][] query = new float[4][6];
    int[][] gt = new int[4][10];
    for (float[] row : base) for (int j = 0; j < 6; j++) row[j] = (float) r.nextGaussian();
    for (float[] row : query) for (int j = 0; j < 6; j++) row[j] = (float) r.nextGaussian();
    for (int[] row : gt) for (int j = 0; j < 10; j++) row[j] = r.nextInt(30);
    Path set = Files.createDirectories(dir.resolve("set"));
    Texmex.writeFvecs(set.resolve("s_base.fvecs"), base);
    Texmex.writeFvecs(set.resolve("s_query.fvecs"), query);
    Path gtFile = set.resolve("s_groundtruth.ivecs");
    Texmex.writeIvecs(gtFile, gt);
    byte[] validGt = Files.readAllBytes(gtFile);
    SplittableRandom pick = new SplittableRandom(5);
    corruptAndRead(validGt, "set/s_groundtruth.ivecs", 15,
        f -> Datasets.load(set.resolve("s_base.fvecs"), null, dir.resolve("cache" + pick.nextInt()), 1,
            ProgressListener.NONE));
  }
}
