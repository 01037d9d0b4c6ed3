package org.annlib.crinn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.Searcher;
import org.annlib.hnsw.GraphInvariants;
import org.annlib.hnsw.HnswIndex;
import org.annlib.hnsw.HnswStrategies;
import org.annlib.testkit.TestData;
import org.annlib.vectors.FlatVectorValues;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every preset (so every construction, pruning and ordering strategy): the graph keeps HNSW's
 * invariants after one- and two-thread builds, and search is a function of the index and the query
 * alone: the same ids from a fresh searcher, from queries in reverse order, and from the index
 * saved and loaded or memory-mapped.
 */
class PresetInvariantsTest {
  private static final FlatVectorValues BASE = TestData.head(TestData.embedded().train(), 2_000);
  private static final FlatVectorValues QUERIES = TestData.head(TestData.embedded().test(), 60);

  @TempDir Path dir;

  static List<String> presets() {
    return HnswStrategies.presets();
  }

  @ParameterizedTest
  @MethodSource("presets")
  void graphKeepsEveryInvariant(String preset) {
    assertTrue(presets().size() >= 14, "every preset of ann-crinn-variants is registered: " + presets());
    for (int threads : new int[] {1, 2}) {
      HnswIndex index = HnswIndex.builder(Metric.EUCLIDEAN).preset(preset).m(8).efConstruction(64).threads(threads)
          .build(BASE);
      assertEquals(List.of(), GraphInvariants.violations(index),
          preset + ", " + threads + " threads");
    }
  }

  @ParameterizedTest
  @MethodSource("presets")
  void sameIndexAndQueryGiveTheSameResultInAnyOrder(String preset) throws IOException {
    HnswIndex index = HnswIndex.builder(Metric.EUCLIDEAN).preset(preset).m(8).efConstruction(64).threads(2)
        .build(BASE);
    Path f = dir.resolve(preset + ".hnsw");
    index.save(f);
    try (HnswIndex loaded = HnswIndex.load(f); HnswIndex mapped = HnswIndex.map(f)) {
      for (int ef : new int[] {10, 40}) {
        SearchParams p = SearchParams.builder().ef(ef).build();
        long[][] first = new long[QUERIES.size()][];
        Searcher s = index.searcher();
        for (int q = 0; q < QUERIES.size(); q++) {
          first[q] = s.search(QUERIES.vector(q), 10, p).ids();
        }
        for (HnswIndex other : new HnswIndex[] {index, loaded, mapped}) {
          Searcher fresh = other.searcher();
          for (int q = QUERIES.size() - 1; q >= 0; q--) {
            assertArrayEquals(first[q], fresh.search(QUERIES.vector(q), 10, p).ids(),
                preset + " ef " + ef + " query " + q);
          }
        }
      }
    }
  }
}
