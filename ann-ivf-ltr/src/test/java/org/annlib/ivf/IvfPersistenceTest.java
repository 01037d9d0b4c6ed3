package org.annlib.ivf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IvfPersistenceTest {
  @TempDir Path dir;
  private final FlatVectorValues base = TestData.clustered(TestData.seed(40), 3_000, 24, 12);
  private final FlatVectorValues queries = TestData.clustered(TestData.seed(41), 40, 24, 12);

  private IvfIndex build(Metric metric, String router, String encoding) {
    return IvfIndex.builder(metric).nlist(30).seed(3).threads(2).router(router).encoding(encoding)
        .trainingQueries(600).epochs(4).build(base);
  }

  private void assertSameResults(IvfIndex a, IvfIndex b) {
    for (SearchParams p : new SearchParams[] {SearchParams.builder().nprobe(3).build(),
        SearchParams.builder().targetRecall(0.95).build()}) {
      for (int q = 0; q < queries.size(); q++) {
        SearchResult x = a.search(queries.vector(q), 10, p);
        SearchResult y = b.search(queries.vector(q), 10, p);
        assertArrayEquals(x.ids(), y.ids(), "query " + q + " " + p);
        // the Vector API may order a lane reduction differently before and after JIT compilation
        assertArrayEquals(x.distances(), y.distances(), 1e-4f * Math.max(1f, Math.abs(x.distance(0))), "query " + q);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"EUCLIDEAN,ltr,sq8", "INNER_PRODUCT,ltr,float32", "COSINE,centroid,sq8", "EUCLIDEAN,centroid,float32"})
  void saveLoadSaveIsByteExactAndSearchesTheSame(Metric metric, String router, String encoding) throws IOException {
    IvfIndex index = build(metric, router, encoding);
    Path f1 = dir.resolve("a.ivf");
    index.save(f1);
    IvfIndex loaded = IvfIndex.load(f1);
    assertEquals(metric, loaded.metric());
    assertEquals(index.router().name(), loaded.router().name());
    assertEquals(encoding, loaded.encoding());
    assertEquals(index.routingReport(), loaded.routingReport());
    assertArrayEquals(index.router().weights(), loaded.router().weights());
    assertEquals(index.listSizes(), loaded.listSizes());
    assertSameResults(index, loaded);
    Path f2 = dir.resolve("b.ivf");
    loaded.save(f2);
    assertArrayEquals(Files.readAllBytes(f1), Files.readAllBytes(f2));
    assertEquals(IvfFormat.VERSION, ByteBuffer.wrap(Files.readAllBytes(f1)).order(ByteOrder.LITTLE_ENDIAN).getInt(8), "format version");
    try (IvfIndex mapped = IvfIndex.map(f1)) {
      assertSameResults(index, mapped);
      Path f3 = dir.resolve("c.ivf");
      mapped.save(f3);
      assertArrayEquals(Files.readAllBytes(f1), Files.readAllBytes(f3), "save, map, save");
    }
  }

  /**
   * Files written by IVF format version 1 (commit 189a376; src/test/resources/format, with the ids
   * that version returned for 20 seeded queries at nprobe 4) load and map, return those ids, and
   * are written back in the current version.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"v1-ivf-euclidean-float32", "v1-ivf-inner_product-sq8"})
  void versionOneFilesLoadAndSearchAsTheyDid(String name) throws IOException {
    Path f = dir.resolve(name + ".ivf");
    try (var in = getClass().getResourceAsStream("/format/" + name + ".ivf")) {
      Files.copy(in, f);
    }
    java.util.List<String> expected;
    try (var in = getClass().getResourceAsStream("/format/" + name + ".ids")) {
      expected = java.util.List.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).split("\n"));
    }
    assertEquals(20, expected.size());
    assertEquals(1, ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN).getInt(8));
    IvfIndex loaded = IvfIndex.load(f);
    assertEquals(expected, idsOf(loaded), "heap");
    try (IvfIndex mapped = IvfIndex.map(f)) {
      assertEquals(expected, idsOf(mapped), "mapped");
    }
    Path v2 = dir.resolve(name + "-v2.ivf");
    loaded.save(v2);
    assertEquals(IvfFormat.VERSION, ByteBuffer.wrap(Files.readAllBytes(v2)).order(ByteOrder.LITTLE_ENDIAN).getInt(8));
    try (IvfIndex mapped = IvfIndex.map(v2)) {
      assertEquals(expected, idsOf(mapped), "written again in the current version, mapped");
    }
  }

  private static java.util.List<String> idsOf(IvfIndex index) {
    return org.annlib.testkit.FormatFixtures.idsOf(index, SearchParams.builder().nprobe(4).build());
  }

  @Test
  void anEmptyIndexRoundTrips() throws IOException {
    IvfIndex empty = IvfIndex.builder(Metric.EUCLIDEAN).build(new FlatVectorValues(5, 1));
    Path f = dir.resolve("e.ivf");
    empty.save(f);
    IvfIndex loaded = IvfIndex.load(f);
    assertEquals(0, loaded.size());
    assertEquals(0, loaded.search(new float[5], 3).size());
  }

  @Test
  void damagedFilesFailWithTheirProblemNamed() throws IOException {
    Path f = dir.resolve("x.ivf");
    build(Metric.EUCLIDEAN, "ltr", "sq8").save(f);
    byte[] good = Files.readAllBytes(f);
    Path bad = dir.resolve("bad.ivf");
    for (int cut : new int[] {0, 5, 11, 100, good.length / 2, good.length - 1}) {
      Files.write(bad, Arrays.copyOf(good, cut));
      String msg = assertThrows(IvfFormatException.class, () -> IvfIndex.load(bad)).getMessage();
      assertTrue(msg.startsWith(bad.toString()) && (msg.contains("truncated") || msg.contains("bad magic")),
          "cut at " + cut + ": " + msg);
    }
    byte[] flipped = good.clone();
    flipped[good.length / 3] ^= 0x10;
    Files.write(bad, flipped);
    assertTrue(assertThrows(IvfFormatException.class, () -> IvfIndex.load(bad)).getMessage()
        .contains("is corrupted: CRC32C mismatch"));
    byte[] version = good.clone();
    ByteBuffer.wrap(version).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 7);
    Files.write(bad, version);
    assertEquals(bad + " has IVF format version 7; this library reads versions 1 to 3",
        assertThrows(IvfFormatException.class, () -> IvfIndex.load(bad)).getMessage());
    byte[] hnsw = good.clone();
    System.arraycopy("ANNLHNSW".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, hnsw, 0, 8);
    Files.write(bad, hnsw);
    assertEquals(bad + " is an annlib HNSW file, not an IVF index",
        assertThrows(IvfFormatException.class, () -> IvfIndex.load(bad)).getMessage());
  }

  @Test
  void aFailedSaveLeavesThePreviousFileIntact() throws IOException {
    Path f = dir.resolve("keep.ivf");
    IvfIndex index = build(Metric.EUCLIDEAN, "centroid", "float32");
    index.save(f);
    byte[] before = Files.readAllBytes(f);
    Files.createDirectories(dir.resolve("blocked.ivf"));
    Files.writeString(dir.resolve("blocked.ivf").resolve("x"), "x");
    assertThrows(IOException.class, () -> index.save(dir.resolve("blocked.ivf")));
    assertArrayEquals(before, Files.readAllBytes(f));
    try (var files = Files.list(dir)) {
      assertEquals(0, files.filter(p -> p.toString().endsWith(".tmp")).count(), "no temporary file is left behind");
    }
  }
}
