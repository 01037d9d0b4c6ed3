package org.annlib.hnsw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.Channels;
import java.nio.file.Path;
import org.annlib.IndexFormatException;
import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.testkit.ResultCheck;
import org.annlib.testkit.TestData;
import org.annlib.vectors.FlatVectorValues;
import org.annlib.vectors.OffHeapVectorValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph-only file (what ann-lucene stores per segment): written without vectors, opened over
 * vectors the caller keeps, it searches exactly as the index it came from, writes the same bytes
 * again, and refuses a full index file or vectors of another shape by name.
 */
class HnswGraphOnlyTest {
  @TempDir
  Path tmp;

  private static byte[] graphBytes(HnswIndex index) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = index.writeGraph(Channels.newChannel(out));
    assertEquals(n, out.size());
    return out.toByteArray();
  }

  private static MemorySegment offHeap(byte[] bytes, Arena arena) {
    MemorySegment seg = arena.allocate(bytes.length, 64);
    MemorySegment.copy(bytes, 0, seg, ValueLayout.JAVA_BYTE, 0, bytes.length);
    return seg;
  }

  @Test
  void aGraphOverTheCallersVectorsSearchesAsTheIndexItCameFrom() throws IOException {
    FlatVectorValues base = TestData.head(TestData.embedded().train(), 3000);
    FlatVectorValues queries = TestData.head(TestData.embedded().test(), 50);
    for (String preset : new String[] {"default"}) {
      try (Arena arena = Arena.ofConfined();
          HnswIndex built = HnswIndex.builder(Metric.EUCLIDEAN).m(12).efConstruction(80).threads(1).preset(preset)
              .build(base, null)) {
        byte[] bytes = graphBytes(built);
        OffHeapVectorValues vectors = OffHeapVectorValues.copyOf(base, arena);
        try (HnswIndex opened = HnswIndex.openGraph("g", offHeap(bytes, arena), vectors)) {
          for (int q = 0; q < queries.size(); q++) {
            SearchParams p = SearchParams.builder().ef(40).build();
            SearchResult a = built.search(queries.vector(q), 10, p);
            SearchResult b = opened.search(queries.vector(q), 10, p);
            ResultCheck.assertSameAnswer(a, b, "query " + q);
          }
          assertArrayEquals(bytes, graphBytes(opened), "written again byte for byte");
        }
      }
    }
  }

  @Test
  void aFullIndexFileOrVectorsOfAnotherShapeAreRefused() throws IOException {
    FlatVectorValues base = TestData.head(TestData.embedded().train(), 500);
    try (Arena arena = Arena.ofConfined();
        HnswIndex built = HnswIndex.builder(Metric.EUCLIDEAN).threads(1).build(base, null)) {
      Path full = tmp.resolve("full.hnsw");
      built.save(full);
      byte[] fullBytes = java.nio.file.Files.readAllBytes(full);
      OffHeapVectorValues vectors = OffHeapVectorValues.copyOf(base, arena);
      assertEquals("g is an annlib HNSW file, not an HNSW graph index", assertThrows(IndexFormatException.class,
          () -> HnswIndex.openGraph("g", offHeap(fullBytes, arena), vectors)).getMessage());
      OffHeapVectorValues fewer = OffHeapVectorValues.copyOf(TestData.head(base, 499), arena);
      assertEquals("g is a graph of 500 vectors of dimension 784, given 499 of dimension 784",
          assertThrows(IndexFormatException.class,
              () -> HnswIndex.openGraph("g", offHeap(graphBytes(built), arena), fewer)).getMessage());
      byte[] damaged = graphBytes(built);
      damaged[damaged.length / 2] ^= 1;
      String msg = assertThrows(IndexFormatException.class,
          () -> HnswIndex.openGraph("g", offHeap(damaged, arena), vectors)).getMessage();
      assertEquals("g is corrupted: CRC32C mismatch", msg.substring(0, msg.indexOf(" (")));
    }
  }
}
