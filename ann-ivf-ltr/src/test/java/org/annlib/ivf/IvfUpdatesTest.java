package org.annlib.ivf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.annlib.Bits;
import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.ivf.train.KMeans;
import org.annlib.testkit.TestData;
import org.annlib.vectors.FlatVectorValues;
import org.junit.jupiter.api.Test;

/** What IVF does beyond the contract: filters that outlast nprobe, adds routed to their partition, compaction. */
class IvfUpdatesTest {
  private static final FlatVectorValues BASE = TestData.clustered(TestData.seed(40), 4_000, 16, 20);

  private static IvfIndex built() {
    return IvfIndex.builder(Metric.EUCLIDEAN).nlist(64).threads(2).build(BASE);
  }

  @Test
  void aFilteredSearchReturnsKWheneverKVectorsPass() {
    IvfIndex index = built();
    // ten ids spread over the whole set: nprobe 1 probes one of 64 partitions, which holds few of them
    Set<Long> pass = new TreeSet<>();
    for (long id = 17; id < 17 + 397 * 10; id += 397) {
      pass.add(id);
    }
    assertEquals(10, pass.size());
    SearchParams one = SearchParams.builder().nprobe(1).filter(pass::contains).build();
    SearchResult r = index.search(BASE.vector(0), 10, one);
    assertEquals(pass, idSet(r), "every vector that passes the filter");
    SearchResult three = index.search(BASE.vector(0), 10,
        SearchParams.builder().nprobe(1).filter(id -> id == 5 || id == 3_999 || id == 2_000).build());
    assertEquals(Set.of(5L, 2_000L, 3_999L), idSet(three), "fewer than k pass: all of them");
    for (long id = 0; id < 4_000; id++) {
      if (!pass.contains(id)) {
        index.delete(id);
      }
    }
    assertEquals(pass, idSet(index.search(BASE.vector(0), 10, SearchParams.builder().nprobe(1).build())),
        "deletes leave ten live vectors: all ten are found");
  }

  @Test
  void anAddedVectorGoesToItsNearestPartitionAndIsFoundThere() {
    IvfIndex index = built();
    float[] v = BASE.vector(123).clone();
    v[0] += 0.01f;
    int p = KMeans.nearest(v, index.centroids(), index.partitions(), new float[index.partitions()]);
    int before = index.partitionSize(p);
    index.add(9_000_000_000L, v);
    assertEquals(before + 1, index.partitionSize(p));
    SearchResult r = index.search(v, 1, SearchParams.builder().nprobe(1).build());
    assertEquals(9_000_000_000L, r.id(0));
    assertEquals(0f, r.distance(0), 0f);
  }

  @Test
  void compactionDropsDeletedRowsAndSearchesTheSame() {
    IvfIndex index = built();
    FlatVectorValues extra = TestData.clustered(TestData.seed(41), 300, 16, 20);
    for (int i = 0; i < 300; i++) {
      index.add(10_000 + i, extra.vector(i));
      index.delete(i * 7);
    }
    IvfIndex compact = index.compact();
    assertEquals(4_000, compact.size());
    assertEquals(4_000, compact.liveCount());
    assertEquals(4_300, index.size(), "the index compacted is unchanged");
    int total = 0;
    for (int p = 0; p < compact.partitions(); p++) {
      total += compact.partitionSize(p);
    }
    assertEquals(4_000, total);
    assertFalse(compact.contains(7));
    SearchParams params = SearchParams.builder().nprobe(8).build();
    FlatVectorValues queries = TestData.clustered(TestData.seed(42), 50, 16, 20);
    for (int q = 0; q < 50; q++) {
      SearchResult a = index.search(queries.vector(q), 10, params);
      SearchResult b = compact.search(queries.vector(q), 10, params);
      assertArrayEquals(a.ids(), b.ids(), "query " + q);
    }
  }

  private static Set<Long> idSet(SearchResult r) {
    Set<Long> s = new TreeSet<>();
    Arrays.stream(r.ids()).forEach(s::add);
    assertEquals(r.size(), s.size(), "ids returned twice: " + r);
    return s;
  }
}
