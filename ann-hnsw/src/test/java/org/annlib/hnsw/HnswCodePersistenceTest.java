package org.annlib.hnsw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.testkit.FormatFixtures;
import org.annlib.testkit.TestData;
import org.annlib.vectors.FlatVectorValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * First-pass codes in the file (format version 2): stored, read back byte for byte, searched in
 * place when mapped; and version 1 files, which carry no codes, still load and search exactly as
 * the version that wrote them did.
 */
class HnswCodePersistenceTest {
  @TempDir Path dir;
  private static final FlatVectorValues BASE = TestData.clustered(TestData.seed(30), 2_000, 24, 12);
  private static final FlatVectorValues QUERIES = TestData.clustered(TestData.seed(31), 40, 24, 12);
  private static final SearchParams EF = SearchParams.builder().ef(40).build();

  static Stream<Arguments> codedIndexes() {
    List<Arguments> all = new ArrayList<>();
    for (Metric metric : Metric.values()) {
      for (String codes : List.of("sq4u", "sq8u")) {
        all.add(Arguments.of(metric, codes));
      }
    }
    return all.stream();
  }

  private static HnswIndex built(Metric metric, String codes) {
    HnswIndex index = HnswIndex.builder(metric).m(8).efConstruction(64).threads(1).strategy(FirstPass.ROLE, codes)
        .build(BASE);
    index.delete(5);
    return index;
  }

  private static void assertSameResults(HnswIndex expected, HnswIndex actual, String what) {
    for (int q = 0; q < QUERIES.size(); q++) {
      SearchResult x = expected.search(QUERIES.vector(q), 10, EF);
      SearchResult y = actual.search(QUERIES.vector(q), 10, EF);
      assertArrayEquals(x.ids(), y.ids(), what + " query " + q);
      assertArrayEquals(x.distances(), y.distances(), 1e-4f * Math.max(1f, Math.abs(x.distance(0))), what + " query " + q);
    }
  }

  @ParameterizedTest
  @MethodSource("codedIndexes")
  void codesAreSavedByteExactAndMappedInPlace(Metric metric, String codes) throws IOException {
    HnswIndex index = built(metric, codes);
    Path f1 = dir.resolve("a.hnsw");
    index.save(f1);
    ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(f1)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(HnswHeader.VERSION, header.getInt(8), "format version");
    assertEquals(codes.equals("sq4u") ? 4 : 8, header.getInt(12 + 48 + 64), "code bits in the header");
    HnswIndex loaded = HnswIndex.load(f1);
    assertTrue(loaded.view().codes().growable(), "a loaded index's codes are its own copy");
    assertSameResults(index, loaded, "loaded");
    Path f2 = dir.resolve("b.hnsw");
    loaded.save(f2);
    assertArrayEquals(Files.readAllBytes(f1), Files.readAllBytes(f2), "save, load, save");
    try (HnswIndex mapped = HnswIndex.map(f1)) {
      assertFalse(mapped.view().codes().growable(), "a mapped index reads its codes in place");
      assertSameResults(index, mapped, "mapped");
      Path f3 = dir.resolve("c.hnsw");
      mapped.save(f3);
      assertArrayEquals(Files.readAllBytes(f1), Files.readAllBytes(f3), "save, map, save");
    }
  }

  /** Codes copied from a file grow like built ones: appended vectors are encoded and found. */
  @ParameterizedTest
  @ValueSource(strings = {"sq4u", "sq8u"})
  void aLoadedIndexWithCodesKeepsGrowing(String codes) throws IOException {
    Path f = dir.resolve("g.hnsw");
    HnswIndex.builder(Metric.EUCLIDEAN).m(8).efConstruction(64).strategy(FirstPass.ROLE, codes)
        .build(TestData.head(BASE, 500)).save(f);
    HnswIndex loaded = HnswIndex.load(f);
    for (int i = 500; i < BASE.size(); i++) {
      assertEquals(i, loaded.add(BASE.vector(i)));
    }
    int found = 0;
    for (int i = 500; i < BASE.size(); i += 10) {
      found += loaded.search(BASE.vector(i), 1, EF).id(0) == i ? 1 : 0;
    }
    assertEquals(150, found, "every sampled added vector is its own nearest neighbour");
  }

  @Test
  void codeBitsThatDisagreeWithTheStrategyAreNamed() throws IOException {
    Path f = dir.resolve("bits.hnsw");
    built(Metric.EUCLIDEAN, "sq4u").save(f);
    byte[] all = Files.readAllBytes(f);
    ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putInt(12 + 48 + 64, 8);
    HnswPersistenceTest.writeWithValidChecksum(f, all);
    assertEquals(f + " stores 8-bit codes but its strategy sq4u needs 4-bit codes",
        assertThrows(HnswFormatException.class, () -> HnswIndex.load(f)).getMessage());
  }

  @Test
  void codeSectionsThatDoNotMatchTheHeaderAreNamed() throws IOException {
    Path f = dir.resolve("sections.hnsw");
    built(Metric.INNER_PRODUCT, "sq8u").save(f);
    byte[] all = Files.readAllBytes(f);
    ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(12 + 48 + 56, b.getLong(12 + 48 + 56) - 64); // the sums offset
    HnswPersistenceTest.writeWithValidChecksum(f, all);
    assertEquals(f + ": the code sections do not match the header",
        assertThrows(HnswFormatException.class, () -> HnswIndex.load(f)).getMessage());
  }

  /**
   * Files written by format version 1 (commit 189a376), version 2 (commit 898e2de) and version 3
   * (commit 82ec531), in src/test/resources/format with the ids each version's search returned for
   * 20 seeded queries at ef 32, load on the heap and mapped, return those ids (every id its
   * ordinal: versions 1 and 2 stored no ids, the version 3 files identity ids), come back
   * uncalibrated, and are written back in the current version.
   */
  @ParameterizedTest
  @ValueSource(strings = {"v1-euclidean-sq4u", "v1-inner_product-sq8u", "v2-euclidean-sq4u", "v2-inner_product-sq8u",
      "v3-euclidean-sq4u", "v3-inner_product-sq8u"})
  void olderFilesLoadAndSearchAsTheyDid(String name) throws IOException {
    Path f = dir.resolve(name + ".hnsw");
    try (InputStream in = getClass().getResourceAsStream("/format/" + name + ".hnsw")) {
      assertNotNull(in, name);
      Files.copy(in, f);
    }
    String[] expected;
    try (InputStream in = getClass().getResourceAsStream("/format/" + name + ".ids")) {
      expected = new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n");
    }
    int version = name.charAt(1) - '0';
    assertEquals(version, ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN).getInt(8));
    HnswIndex loaded = HnswIndex.load(f);
    assertFalse(loaded.contains(3));
    assertNull(loaded.recallCalibration(), "no version before 4 stores a calibration");
    assertEquals(20, expected.length);
    assertEquals(List.of(expected), idsOf(loaded), "heap");
    try (HnswIndex mapped = HnswIndex.map(f)) {
      assertEquals(List.of(expected), idsOf(mapped), "mapped");
    }
    Path now = dir.resolve(name + "-now.hnsw");
    loaded.save(now);
    assertEquals(HnswHeader.VERSION, ByteBuffer.wrap(Files.readAllBytes(now)).order(ByteOrder.LITTLE_ENDIAN).getInt(8));
    try (HnswIndex mapped = HnswIndex.map(now)) {
      assertEquals(List.of(expected), idsOf(mapped), "written again in the current version, mapped");
    }
  }

  private static List<String> idsOf(HnswIndex index) {
    return FormatFixtures.idsOf(index, SearchParams.builder().ef(32).build());
  }
}
