package org.annlib.hnsw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.testkit.TestData;
import org.annlib.vectors.FlatVectorValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class HnswPersistenceTest {
  @TempDir Path dir;
  private FlatVectorValues base;
  private FlatVectorValues queries;

  @BeforeEach
  void data() {
    base = TestData.clustered(TestData.seed(20), 3_000, 24, 12);
    queries = TestData.clustered(TestData.seed(21), 50, 24, 12);
  }

  private void assertSameResults(HnswIndex a, HnswIndex b) {
    SearchParams p = SearchParams.builder().ef(50).build();
    for (int q = 0; q < 50; q++) {
      SearchResult x = a.search(queries.vector(q), 10, p);
      SearchResult y = b.search(queries.vector(q), 10, p);
      assertArrayEquals(x.ids(), y.ids(), "query " + q);
      // The Vector API may order a lane reduction differently before and after JIT compilation,
      // so distances agree to an ulp, not bit for bit.
      assertArrayEquals(x.distances(), y.distances(), 1e-4f * Math.max(1f, Math.abs(x.distance(0))), "query " + q);
    }
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void saveLoadSaveIsByteExactAndSearchesTheSame(Metric metric) throws IOException {
    HnswIndex index = HnswIndex.builder(metric).m(8).efConstruction(64).build(base);
    index.delete(17);
    index.delete(2_999);
    Path f1 = dir.resolve("a.hnsw");
    index.save(f1);
    HnswIndex loaded = HnswIndex.load(f1);
    assertEquals(metric, loaded.metric());
    assertEquals(index.config(), loaded.config());
    assertEquals(2_998, loaded.liveCount());
    assertFalse(loaded.contains(17));
    assertSameResults(index, loaded);
    Path f2 = dir.resolve("b.hnsw");
    loaded.save(f2);
    assertArrayEquals(Files.readAllBytes(f1), Files.readAllBytes(f2));
    try (HnswIndex mapped = HnswIndex.map(f1)) {
      assertSameResults(index, mapped);
      Path f3 = dir.resolve("c.hnsw");
      mapped.save(f3);
      assertArrayEquals(Files.readAllBytes(f1), Files.readAllBytes(f3));
      assertEquals("a memory-mapped HnswIndex is read-only apart from delete; load it onto the heap to add or replace vectors",
          assertThrows(UnsupportedOperationException.class, () -> mapped.add(base.vector(0))).getMessage());
    }
    try (var files = Files.list(dir)) {
      assertEquals(3, files.count(), "no temporary files left behind");
    }
  }

  @Test
  void aLoadedIndexKeepsGrowing() throws IOException {
    HnswIndex index = HnswIndex.builder(Metric.EUCLIDEAN).build(TestData.head(base, 1_000));
    Path f = dir.resolve("g.hnsw");
    index.save(f);
    HnswIndex loaded = HnswIndex.load(f);
    for (int i = 1_000; i < 3_000; i++) {
      assertEquals(i, loaded.add(base.vector(i)));
    }
    SearchResult r = loaded.search(base.vector(2_500), 1);
    assertEquals(2_500, r.id(0));
  }

  @Test
  void emptyIndexRoundTrips() throws IOException {
    HnswIndex index = HnswIndex.builder(Metric.COSINE).build(new FlatVectorValues(7, 1));
    Path f = dir.resolve("e.hnsw");
    index.save(f);
    HnswIndex loaded = HnswIndex.load(f);
    assertEquals(0, loaded.size());
    assertEquals(7, loaded.dimension());
    assertEquals(0, loaded.search(new float[] {1, 0, 0, 0, 0, 0, 0}, 3).size());
  }

  @Test
  void savingOverAnExistingFileReplacesItWhole() throws IOException {
    Path f = dir.resolve("s.hnsw");
    HnswIndex.builder(Metric.EUCLIDEAN).build(TestData.head(base, 100)).save(f);
    HnswIndex big = HnswIndex.builder(Metric.EUCLIDEAN).build(base);
    big.save(f);
    assertEquals(3_000, HnswIndex.load(f).size());
  }

  private Path saved() throws IOException {
    Path f = dir.resolve("x.hnsw");
    HnswIndex.builder(Metric.EUCLIDEAN).m(8).build(TestData.head(base, 500)).save(f);
    return f;
  }

  private static String failure(Path f) {
    return assertThrows(HnswFormatException.class, () -> HnswIndex.load(f)).getMessage();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 7, 100, 5_000, -21, -1})
  void truncatedFilesAreNamed(int cut) throws IOException {
    Path f = saved();
    byte[] all = Files.readAllBytes(f);
    int keep = cut >= 0 ? cut : all.length + cut;
    Path t = dir.resolve("t.hnsw");
    Files.write(t, Arrays.copyOf(all, keep));
    String m = failure(t);
    assertTrue(m.equals(t + " is not an annlib HNSW index (bad magic)")
        || m.equals(t + " is truncated or was not completely written (no end marker)"), m);
    assertThrows(HnswFormatException.class, () -> HnswIndex.map(t));
  }

  @Test
  void aFlippedByteFailsTheChecksum() throws IOException {
    Path f = saved();
    byte[] all = Files.readAllBytes(f);
    all[all.length / 2] ^= 0x10;
    Files.write(f, all);
    assertTrue(failure(f).startsWith(f + " is corrupted: CRC32C mismatch (stored "), failure(f));
  }

  @Test
  void wrongVersionAndWrongKindAreNamed() throws IOException {
    Path f = saved();
    byte[] all = Files.readAllBytes(f);
    ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 99);
    Files.write(f, all);
    assertEquals(f + " has HNSW format version 99; this library reads versions 1 to 4", failure(f));

    Path ivf = dir.resolve("ivf.bin");
    Files.write(ivf, "ANNLIVF1 and more bytes".getBytes());
    assertEquals(ivf + " is an annlib IVF1 file, not an HNSW index", failure(ivf));

    Path hdf5 = dir.resolve("data.hdf5");
    Files.write(hdf5, new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0});
    assertEquals(hdf5 + " is not an annlib HNSW index (bad magic)", failure(hdf5));
  }

  @Test
  void aCorruptedLinkWithAValidChecksumIsStillCaught() throws IOException {
    // Rewrite one neighbour id to an out-of-range value and recompute the CRC, as a buggy
    // writer (not a disk error) would: the structural checks must catch what the checksum cannot.
    Path f = saved();
    byte[] all = Files.readAllBytes(f);
    ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    long level0 = b.getLong(12 + 48 + 8);
    b.putInt((int) level0 + 4, 1_000_000);
    writeWithValidChecksum(f, all);
    assertEquals(f + " is corrupted: node 0 links to 1000000 on level 0", failure(f));
  }

  /** A file written before the last role existed (here: the count says six) loads with that role's default. */
  @Test
  void aRoleLeftOutOfTheFileTakesItsDefault() throws IOException {
    Path f = dir.resolve("y.hnsw");
    HnswIndex index = HnswIndex.builder(Metric.EUCLIDEAN).m(8).build(TestData.head(base, 500));
    index.save(f);
    byte[] all = Files.readAllBytes(f);
    byte[] first = "neighborSelector=".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int at = 0;
    while (!Arrays.equals(all, at, at + first.length, first, 0, first.length)) {
      at++;
    }
    ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    int countAt = at - 8;
    assertEquals(HnswStrategies.ROLES.size(), b.getInt(countAt));
    b.putInt(countAt, HnswStrategies.ROLES.size() - 1); // "entry=descent" is left unread
    writeWithValidChecksum(f, all);
    HnswIndex loaded = HnswIndex.load(f);
    assertEquals(index.strategies().names(), loaded.strategies().names());
    assertEquals("entry=descent", loaded.strategies().names().getLast());
    assertSameResults(index, loaded);
  }

  /**
   * A file whose search strategy is not registered (as a crinn file read without
   * ann-crinn-variants on the class path) fails naming the role's known strategies and the module.
   */
  @Test
  void aFileNamingAStrategyFromAMissingModuleSaysWhichModule() throws IOException {
    Path f = dir.resolve("z.hnsw");
    HnswIndex.builder(Metric.EUCLIDEAN).m(8).build(TestData.head(base, 300)).save(f);
    byte[] all = Files.readAllBytes(f);
    byte[] from = "search=beam".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] to = "search=pmom".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int at = 0;
    while (!Arrays.equals(all, at, at + from.length, from, 0, from.length)) {
      at++;
    }
    System.arraycopy(to, 0, all, at, to.length);
    writeWithValidChecksum(f, all);
    assertEquals(f + ": unknown search 'pmom'; known: beam, pool (CRINN's strategies and presets live in the module"
        + " ann-crinn-variants, which is not on the class path)",
        assertThrows(HnswFormatException.class, () -> HnswIndex.load(f)).getMessage());
  }

  /** Writes {@code all} to {@code f} with its footer's CRC32C recomputed, as a buggy writer would. */
  static void writeWithValidChecksum(Path f, byte[] all) throws IOException {
    int footer = all.length - 20;
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(all, 0, footer);
    ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putInt(footer + 8, (int) crc.getValue());
    Files.write(f, all);
  }
}
