package org.annlib.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.annlib.Metric;
import org.annlib.ProgressListener;
import org.annlib.exact.FlatIndex;
import org.annlib.vectors.FlatVectorValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TexmexTest {
  @TempDir Path dir;

  private static float[][] rows(SplittableRandom r, int n, int dim) {
    float[][] v = new float[n][dim];
    for (float[] row : v) for (int j = 0; j < dim; j++) row[j] = (float) r.nextGaussian();
    return v;
  }

  @Test
  void fvecsAndIvecsRoundTripByteExactly() throws IOException {
    float[][] v = rows(new SplittableRandom(1), 37, 13);
    Path f = dir.resolve("a.fvecs");
    Texmex.writeFvecs(f, v);
    assertEquals(37L * (4 + 13 * 4), Files.size(f));
    FlatVectorValues read = Texmex.readFvecs(f, Integer.MAX_VALUE);
    for (int i = 0; i < 37; i++) assertArrayEquals(v[i], read.vector(i));
    Path copy = dir.resolve("b.fvecs");
    float[][] back = new float[37][];
    for (int i = 0; i < 37; i++) back[i] = read.vector(i);
    Texmex.writeFvecs(copy, back);
    assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(copy));
    assertEquals(5, Texmex.readFvecs(f, 5).size());

    int[][] ids = {{1, 2, 3}, {4, 5, 6}};
    Path iv = dir.resolve("a.ivecs");
    Texmex.writeIvecs(iv, ids);
    assertArrayEquals(ids, Texmex.readIvecs(iv));
  }

  @Test
  void bvecsAreWidenedAsUnsignedBytes() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(2 * (4 + 3)).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(3).put((byte) 0).put((byte) 128).put((byte) 255);
    b.putInt(3).put((byte) 7).put((byte) 8).put((byte) 9);
    Path f = dir.resolve("x_base.bvecs");
    Files.write(f, b.array());
    FlatVectorValues v = Texmex.readBvecs(f, Integer.MAX_VALUE);
    assertArrayEquals(new float[] {0, 128, 255}, v.vector(0));
    assertArrayEquals(new float[] {7, 8, 9}, v.vector(1));
  }

  @Test
  void truncatedAndInconsistentFilesAreNamed() throws IOException {
    Path f = dir.resolve("t.fvecs");
    Texmex.writeFvecs(f, rows(new SplittableRandom(2), 3, 4));
    byte[] all = Files.readAllBytes(f);
    Files.write(f, Arrays.copyOf(all, all.length - 3));
    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Texmex.readFvecs(f, Integer.MAX_VALUE));
    assertEquals(f + " is truncated or not a fvecs file: 57 bytes is not a whole number of 20-byte records of dimension 4",
        e.getMessage());

    ByteBuffer b = ByteBuffer.allocate(2 * 12).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(2).putFloat(1).putFloat(2).putInt(1).putFloat(3).putFloat(4);
    Path g = dir.resolve("g.fvecs");
    Files.write(g, b.array());
    DatasetFormatException e2 = assertThrows(DatasetFormatException.class, () -> Texmex.readFvecs(g, Integer.MAX_VALUE));
    assertEquals(g + ": record 1 has dimension 1, earlier records have 2", e2.getMessage());

    Path iv = dir.resolve("t.ivecs");
    Texmex.writeIvecs(iv, new int[][] {{1, 2, 3}});
    Files.write(iv, Arrays.copyOf(Files.readAllBytes(iv), 10));
    DatasetFormatException e3 = assertThrows(DatasetFormatException.class, () -> Texmex.readIvecs(iv));
    assertEquals(iv + " is truncated inside record 0", e3.getMessage());
  }

  @Test
  void aTexmexTripleLoadsAndMissingGroundTruthIsComputed() throws IOException {
    SplittableRandom r = new SplittableRandom(3);
    float[][] base = rows(r, 500, 16);
    float[][] query = rows(r, 20, 16);
    Texmex.writeFvecs(dir.resolve("toy_base.fvecs"), base);
    Texmex.writeFvecs(dir.resolve("toy_query.fvecs"), query);
    Dataset d = Datasets.load(dir.resolve("toy_base.fvecs"), Metric.EUCLIDEAN, dir.resolve("cache"), 2, ProgressListener.NONE);
    assertEquals("toy", d.name());
    assertEquals(100, d.groundTruthDepth());
    FlatIndex flat = FlatIndex.builder(Metric.EUCLIDEAN).build(d.train());
    for (int q = 0; q < 20; q++) {
      assertArrayEquals(flat.search(query[q], 10).ids(), Arrays.stream(d.neighbors()[q], 0, 10).asLongStream().toArray(), "query " + q);
    }
    // A ground-truth file beside it is used as is.
    int[][] gt = new int[20][];
    for (int q = 0; q < 20; q++) gt[q] = Arrays.copyOf(d.neighbors()[q], 10);
    Texmex.writeIvecs(dir.resolve("toy_groundtruth.ivecs"), gt);
    Dataset withGt = Datasets.load(dir.resolve("toy_base.fvecs"), null, dir.resolve("cache"), 1, ProgressListener.NONE);
    assertEquals(10, withGt.groundTruthDepth());
    assertArrayEquals(gt[7], withGt.neighbors()[7]);
  }
}
