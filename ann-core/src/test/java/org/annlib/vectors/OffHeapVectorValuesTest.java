package org.annlib.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import org.annlib.Metric;
import org.annlib.exact.FlatIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffHeapVectorValuesTest {
  @TempDir Path dir;

  @Test
  void mapsAFileLargerThanTwoGibibytes() throws IOException {
    int dim = 128;
    long rowBytes = 4L * dim;
    int rows = (int) ((5L << 29) / rowBytes); // 2.5 GiB, written sparsely: costs no disk
    Path file = dir.resolve("big.f32");
    int[] probes = {0, 1, (int) ((1L << 31) / rowBytes) - 1, (int) ((1L << 31) / rowBytes), rows - 1};
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int p : probes) {
        ch.write(row(p, dim), p * rowBytes);
      }
    }
    assertTrue(Files.size(file) > (1L << 31));
    try (Arena arena = Arena.ofConfined()) {
      OffHeapVectorValues v = OffHeapVectorValues.map(file, 0, rows, dim, arena);
      assertEquals(rows, v.size());
      for (int p : probes) {
        float[] expected = new float[dim];
        row(p, dim).asFloatBuffer().get(expected);
        assertArrayEquals(expected, v.vector(p), "row " + p);
        assertEquals(0f, v.scorer(Metric.EUCLIDEAN, expected).distance(p));
      }
      assertArrayEquals(new float[dim], v.vector(12345), "unwritten rows read as zeros");
    }
  }

  private static ByteBuffer row(int id, int dim) {
    ByteBuffer b = ByteBuffer.allocate(4 * dim).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < dim; i++) {
      b.putFloat(id * 0.5f + i);
    }
    return b.flip();
  }

  @Test
  void writeThenMapIsByteExactAndSearchesLikeTheHeapCopy() throws IOException {
    SplittableRandom r = new SplittableRandom(5);
    FlatVectorValues heap = new FlatVectorValues(24, 10);
    for (int i = 0; i < 300; i++) {
      float[] v = new float[24];
      for (int j = 0; j < 24; j++) v[j] = (float) r.nextGaussian();
      heap.add(v);
    }
    Path file = dir.resolve("v.f32");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      OffHeapVectorValues.write(heap, ch);
    }
    assertEquals(300L * 24 * 4, Files.size(file));
    try (Arena arena = Arena.ofConfined()) {
      OffHeapVectorValues mapped = OffHeapVectorValues.map(file, 0, 300, 24, arena);
      OffHeapVectorValues copied = OffHeapVectorValues.copyOf(heap, arena);
      for (int i = 0; i < 300; i++) {
        assertArrayEquals(heap.vector(i), mapped.vector(i));
        assertArrayEquals(heap.vector(i), copied.vector(i));
      }
      float[] q = heap.vector(42);
      assertArrayEquals(
          FlatIndex.builder(Metric.EUCLIDEAN).build(heap).search(q, 10).ids(),
          FlatIndex.wrap(Metric.EUCLIDEAN, mapped).search(q, 10).ids());
    }
  }

  @Test
  void aTruncatedFileIsNamed() throws IOException {
    Path file = dir.resolve("short.f32");
    Files.write(file, new byte[100]);
    try (Arena arena = Arena.ofConfined()) {
      IOException e = assertThrows(IOException.class, () -> OffHeapVectorValues.map(file, 0, 10, 4, arena));
      assertEquals(file + " is truncated: 10 vectors of dimension 4 at offset 0 need 160 bytes, the file has 100",
          e.getMessage());
    }
  }
}
