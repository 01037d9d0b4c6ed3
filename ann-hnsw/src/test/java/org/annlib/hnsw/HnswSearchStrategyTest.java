package org.annlib.hnsw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.annlib.Bits;
import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.datasets.Dataset;
import org.annlib.exact.FlatIndex;
import org.annlib.exact.Recall;
import org.annlib.testkit.ResultCheck;
import org.annlib.testkit.TestData;
import org.annlib.vectors.FlatVectorValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The level-0 strategy an index was built with serves every query: unfiltered, filtered and with
 * deleted ids (a filter or one delete once switched the pool presets back to the heap beam).
 */
class HnswSearchStrategyTest {
  private static final Dataset DATA = TestData.embedded();
  private static final FlatVectorValues BASE = TestData.head(DATA.train(), 5_000);
  private static final FlatVectorValues QUERIES = TestData.head(DATA.test(), 200);

  /** Wraps a strategy and counts the walks it runs, and those it ran with an accept filter. */
  private static final class Recording implements BaseLayerSearch {
    final BaseLayerSearch inner;
    final AtomicInteger walks = new AtomicInteger();
    final AtomicInteger filtered = new AtomicInteger();
    final AtomicInteger bounded = new AtomicInteger();

    Recording(BaseLayerSearch inner) {
      this.inner = inner;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public Runner newRunner(int capacity, int maxDegree) {
      Runner r = inner.newRunner(capacity, maxDegree);
      return (graph, scorer, entry, entryDistance, seeds, seedDistances, seedCount, ef, k, size, accept, visitLimit,
          budget, outIds, outDistances) -> {
        walks.incrementAndGet();
        if (accept != null) {
          filtered.incrementAndGet();
        }
        if (budget != null) {
          bounded.incrementAndGet();
        }
        return r.search(graph, scorer, entry, entryDistance, seeds, seedDistances, seedCount, ef, k, size, accept,
            visitLimit, budget, outIds, outDistances);
      };
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"beam", "pool"})
  void filteredAndDeletedQueriesGoThroughTheBuiltStrategy(String name) {
    Recording search = new Recording((BaseLayerSearch) HnswStrategies.find(BaseLayerSearch.ROLE, name));
    HnswIndex index = HnswIndex.builder(DATA.metric()).m(8).efConstruction(64).strategy(search)
        .build(TestData.head(BASE, 1_000));
    float[] q = QUERIES.vector(0);
    index.search(q, 10, SearchParams.builder().ef(32).build());
    assertEquals(1, search.walks.get());
    assertEquals(0, search.filtered.get());
    SearchResult r = index.search(q, 10, SearchParams.builder().ef(32).filter(id -> id % 2 == 0).build());
    assertEquals(2, search.walks.get());
    assertEquals(1, search.filtered.get());
    for (long id : r.ids()) {
      assertEquals(0, id % 2, "id " + id + " fails the filter");
    }
    long nearest = index.search(q, 1, SearchParams.builder().ef(32).build()).ids()[0];
    assertTrue(index.delete(nearest));
    r = index.search(q, 10, SearchParams.builder().ef(32).build());
    assertEquals(4, search.walks.get());
    assertEquals(2, search.filtered.get(), "a delete makes every later walk a filtered one");
    for (long id : r.ids()) {
      assertFalse(id == nearest, "deleted id " + id + " returned");
    }
    assertEquals(10, r.size());
    SearchResult stopped = index.search(q, 10, SearchParams.builder().ef(32).maxVisits(20).build());
    assertEquals(5, search.walks.get());
    assertEquals(1, search.bounded.get(), "a bounded query walks the built strategy with its budget");
    assertFalse(stopped.complete());
  }

  /**
   * A filter that accepts everything takes the filtered path of the loop and must change nothing:
   * the same ids at the same distances, query by query.
   */
  @ParameterizedTest
  @ValueSource(strings = {"beam", "pool"})
  void anAcceptEverythingFilterReturnsTheUnfilteredResults(String name) {
    HnswIndex index = HnswIndex.builder(DATA.metric()).m(12).efConstruction(100).strategy(BaseLayerSearch.ROLE, name)
        .build(BASE);
    Bits everything = id -> true;
    for (int ef : new int[] {10, 40, 120}) {
      for (int q = 0; q < QUERIES.size(); q++) {
        SearchResult plain = index.search(QUERIES.vector(q), 10, SearchParams.builder().ef(ef).build());
        SearchResult filtered = index.search(QUERIES.vector(q), 10,
            SearchParams.builder().ef(ef).filter(everything).build());
        ResultCheck.assertSameAnswer(plain, filtered, name + " ef " + ef + " query " + q);
      }
    }
  }

  /**
   * With 1% of ids deleted and a filter rejecting another 10%, the pool keeps the recall of the
   * heap beam (both against exact search over the accepted ids) and returns only accepted ids.
   * Measured on this data at ef 10: beam 0.9735, pool 0.9735 (at ef 16: 0.987 and 0.986).
   */
  @Test
  void thePoolKeepsItsRecallUnderDeletesAndAFilter() {
    Bits filter = id -> id % 10 != 3;
    double[] recall = new double[2];
    String[] names = {"beam", "pool"};
    FlatIndex exact = FlatIndex.builder(DATA.metric()).build(BASE);
    for (int s = 0; s < 2; s++) {
      HnswIndex index = HnswIndex.builder(DATA.metric()).m(12).efConstruction(100)
          .strategy(BaseLayerSearch.ROLE, names[s]).build(BASE);
      for (int id = 0; id < BASE.size(); id += 100) {
        index.delete(id);
      }
      Bits live = id -> filter.get(id) && id % 100 != 0;
      double sum = 0;
      for (int q = 0; q < QUERIES.size(); q++) {
        float[] query = QUERIES.vector(q);
        SearchResult r = index.search(query, 10, SearchParams.builder().ef(10).filter(filter).build());
        for (long id : r.ids()) {
          assertTrue(live.get(id), names[s] + " returned rejected id " + id);
        }
        long[] truth = exact.search(query, 10, SearchParams.builder().filter(live).build()).ids();
        sum += Recall.idRecall(truth, 10, r.ids(), r.size());
      }
      recall[s] = sum / QUERIES.size();
    }
    assertTrue(recall[0] >= 0.965, "beam recall " + recall[0]);
    assertTrue(recall[1] >= recall[0] - 0.005, "pool recall " + recall[1] + " vs beam " + recall[0]);
  }

  @Test
  void aPresetOfAMissingModuleNamesTheModule() {
    assertEquals("unknown HNSW preset 'crinn'; known: default (CRINN's strategies and presets live in the module"
        + " ann-crinn-variants, which is not on the class path)", org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> HnswIndex.builder(Metric.EUCLIDEAN).preset("crinn")).getMessage());
  }
}
