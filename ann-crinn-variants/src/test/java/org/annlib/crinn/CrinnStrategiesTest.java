package org.annlib.crinn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.datasets.Dataset;
import org.annlib.exact.Recall;
import org.annlib.hnsw.HnswIndex;
import org.annlib.hnsw.HnswStrategies;
import org.annlib.testkit.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each CRINN strategy alone, and the preset, on the embedded Fashion-MNIST subset (10,000 x 784,
 * 1,000 queries, M=16, efConstruction=100, one build thread so every graph is reproducible).
 */
class CrinnStrategiesTest {
  private static Dataset data;
  private static double defaultRecall;

  @TempDir Path dir;

  @BeforeAll
  static void baseline() {
    data = TestData.embedded();
    defaultRecall = recall(build("default"), 32);
  }

  private static HnswIndex build(String preset) {
    return HnswIndex.builder(Metric.EUCLIDEAN).preset(preset).m(16).efConstruction(100).threads(1).build(data.train());
  }

  private static double recall(HnswIndex index, int ef) {
    SearchParams p = SearchParams.builder().ef(ef).build();
    double sum = 0;
    for (int q = 0; q < data.test().size(); q++) {
      SearchResult r = index.search(data.test().vector(q), 10, p);
      sum += Recall.idRecall(data.neighbors()[q], 10, r.ids(), r.size());
    }
    return sum / data.test().size();
  }

  /**
   * Margin: at ef=32 plain HNSW measured about 0.97 here; a strategy may trade a little recall
   * per ef for speed (momentum termination stops early by design) but must stay within 0.02.
   */
  @ParameterizedTest
  @ValueSource(strings = {"glass-fp32", "glass", "glass-sq8u", "crinn-prune", "crinn-order", "crinn-momentum",
      "crinn-stagnation", "crinn-refine", "crinn-beam", "crinn-seeds", "crinn-fixed", "crinn", "crinn-all"})
  void eachStrategyKeepsRecallWithinTwoPointsOfPlainHnsw(String preset) {
    double r = recall(build(preset), 32);
    assertTrue(r >= defaultRecall - 0.02, preset + ": recall@10 " + r + " vs default " + defaultRecall);
  }

  @Test
  void presetsAreListedAndUnknownNamesFailWithTheKnownOnes() {
    assertEquals(List.of("default", "crinn", "crinn-all", "crinn-beam", "crinn-fixed", "crinn-momentum", "crinn-order",
        "crinn-prune", "crinn-refine", "crinn-seeds", "crinn-stagnation", "glass", "glass-fp32", "glass-sq8u"),
        HnswStrategies.presets());
    assertEquals("unknown HNSW preset 'glas'; known: default, crinn, crinn-all, crinn-beam, crinn-fixed, crinn-momentum, "
        + "crinn-order, crinn-prune, crinn-refine, crinn-seeds, crinn-stagnation, glass, glass-fp32, glass-sq8u", assertThrows(IllegalArgumentException.class, () -> HnswIndex.builder(Metric.EUCLIDEAN)
            .preset("glas")).getMessage());
    assertEquals("unknown search 'pool-fast'; known: beam, pool, pool-crinn, pool-momentum", assertThrows(
        IllegalArgumentException.class, () -> HnswIndex.builder(Metric.EUCLIDEAN).strategy("search", "pool-fast"))
        .getMessage());
    assertEquals("unknown entry 'seeds'; known: crinn-seeds, descent", assertThrows(
        IllegalArgumentException.class, () -> HnswIndex.builder(Metric.EUCLIDEAN).strategy("entry", "seeds"))
        .getMessage());
  }

  /**
   * Neither ann-hnsw nor this module ships a provider service file, so the presets above were found
   * the way a shaded jar that dropped META-INF/services finds them.
   */
  @Test
  void builtInStrategiesNeedNoServiceFile() {
    assertEquals(null, getClass().getClassLoader().getResource(
        "META-INF/services/" + org.annlib.hnsw.HnswStrategyProvider.class.getName()));
    assertEquals("pool-momentum", HnswIndex.builder(Metric.EUCLIDEAN).preset("crinn").build(TestData.head(
        data.train(), 50)).strategies().search().name());
  }

  @Test
  void strategyNamesSurviveSaveAndLoadAndTheLoadedIndexSearchesTheSame() throws IOException {
    HnswIndex index = HnswIndex.builder(Metric.EUCLIDEAN).preset("crinn").m(8).efConstruction(64).threads(1)
        .build(TestData.head(data.train(), 2_000));
    assertEquals(List.of("neighborSelector=crinn-relaxed", "listOrder=nearest-first", "search=pool-momentum",
        "codes=sq-auto", "refine=capped-1.9", "construction=fixed", "entry=descent"), index.strategies().names());
    Path f = dir.resolve("crinn.hnsw");
    index.save(f);
    for (HnswIndex loaded : new HnswIndex[] {HnswIndex.load(f), HnswIndex.map(f)}) {
      assertEquals(index.strategies().names(), loaded.strategies().names());
      SearchParams p = SearchParams.builder().ef(40).build();
      for (int q = 0; q < 50; q++) {
        assertArrayEquals(index.search(data.test().vector(q), 10, p).ids(),
            loaded.search(data.test().vector(q), 10, p).ids(), "query " + q);
      }
      loaded.close();
    }
  }

  /**
   * The seeded preset on a small graph: every query gets the same result from a second searcher,
   * after save and load and from a mapped file (the seed set is derived from the graph again on
   * load); and on this set the seeds cost no recall at any ef (they only add candidates).
   */
  @Test
  void extraSeedsAreChosenAgainOnLoadAndDependOnlyOnTheQuery() throws IOException {
    HnswIndex index = HnswIndex.builder(Metric.EUCLIDEAN).preset("crinn-seeds").m(8).efConstruction(64).threads(1)
        .build(TestData.head(data.train(), 2_000));
    Path f = dir.resolve("seeds.hnsw");
    index.save(f);
    for (int ef : new int[] {10, 20, 30, 50}) {
      SearchParams p = SearchParams.builder().ef(ef).build();
      long[][] first = new long[50][];
      for (int q = 0; q < 50; q++) {
        first[q] = index.search(data.test().vector(q), 10, p).ids();
      }
      for (HnswIndex loaded : new HnswIndex[] {index, HnswIndex.load(f), HnswIndex.map(f)}) {
        for (int q = 49; q >= 0; q--) { // reverse order: no state carried from query to query
          assertArrayEquals(first[q], loaded.search(data.test().vector(q), 10, p).ids(), "ef " + ef + " query " + q);
        }
      }
    }
  }

  /** G7 on a hand-made graph: farthest-point sampling over upper-layer nodes, the top entry excluded. */
  @Test
  void diverseSeedsAreFarthestPointSamplesOfTheUpperLayers() {
    // nodes on a line at x = 0, 10, 1, 9, 5; node 0 is the top entry (level 2); 1..3 on level 1; 4 on level 0
    float[] x = {0, 10, 1, 9, 5};
    int[] levels = {2, 1, 1, 1, 0};
    org.annlib.hnsw.HnswGraph g = new org.annlib.hnsw.HnswGraph() {
      public long entry() {
        return org.annlib.hnsw.HnswGraph.packEntry(2, 0);
      }

      public int neighbors(int node, int level, int[] buf) {
        return 0;
      }

      public int level(int node) {
        return levels[node];
      }

      public int maxDegree0() {
        return 4;
      }
    };
    int[] seeds = new DiverseSeeds().choose(g, 5, (a, b) -> (x[a] - x[b]) * (x[a] - x[b]));
    // first: 10 (farthest from 0); then 1 (1 from 0, 81 from 10) against 9 (1 from 10): tie on
    // distance, so the first in id order; then the last one
    assertArrayEquals(new int[] {1, 2, 3}, seeds);
    DiverseSeeds s = new DiverseSeeds();
    assertEquals(List.of(1, 1, 2, 2, 3, 3, 4), List.of(s.count(10), s.count(12), s.count(13), s.count(24), s.count(25),
        s.count(40), s.count(41)));
  }

  @Test
  void nearestFirstListsAreSortedByDistance() {
    int[] ids = {5, 6, 7, 8};
    float[] d = {3f, 1f, 2f, 1f};
    new NearestFirstOrder().order(ids, d, 4);
    assertArrayEquals(new int[] {6, 8, 7, 5}, ids);
    assertArrayEquals(new float[] {1f, 1f, 2f, 3f}, d);
  }

  /** The relaxed rule keeps a candidate the heuristic prunes: t = 0.62 * 1.1056 for the second pick. */
  @Test
  void relaxedPruningKeepsMoreNeighboursThanTheHeuristic() {
    // candidates 1 and 2 at distance 1.0 from the base; they are 0.8 apart: the heuristic (t = 1)
    // prunes 2, the relaxed rule (t about 0.69 after one pick) keeps it
    int[] ids = {1, 2};
    float[] dist = {1f, 1f};
    int[] out = new int[2];
    org.annlib.hnsw.NeighborSelector.NodeDistance between = (a, b) -> 0.8f;
    assertEquals(2, new RelaxedAdaptiveSelector().select(ids, dist, 2, 2, 16, between, out));
    assertEquals(1, new org.annlib.hnsw.HeuristicNeighborSelector(false).select(ids, dist, 2, 2, 16, between, out));
  }

  @Test
  void momentumStopsOnlyPastAThirdOfTheBeamAndOnlyForWideBeams() {
    MomentumTermination m = new MomentumTermination();
    m.reset(100);
    for (int i = 0; i < 20; i++) {
      m.inserted(90, 100); // back-half inserts: momentum 128 - 80 = 64
    }
    assertEquals(false, m.stop(30, 100), "frontier 30 is not past ef/3");
    assertEquals(true, m.stop(34, 100), "momentum below 96 past ef/3");
    m.reset(20);
    for (int i = 0; i < 20; i++) {
      m.inserted(19, 20);
    }
    assertEquals(false, m.stop(15, 20), "ef 20 never stops early");
  }

  @Test
  void stagnationStopsAfterEightIdleExpansionsOnceThePoolIsHalfFull() {
    StagnationTermination t = new StagnationTermination();
    t.reset(20);
    assertEquals(false, t.stop(0, 20));
    for (int i = 0; i < 10; i++) {
      t.inserted(i, i); // pool grows to 10 = ef/2
    }
    for (int i = 0; i < 8; i++) {
      assertEquals(false, t.stop(1 + i, 20), "idle expansion " + i);
    }
    assertEquals(true, t.stop(9, 20), "eight expansions inserted nothing");
    t.reset(20);
    t.stop(0, 20);
    t.inserted(0, 0);
    for (int i = 0; i < 9; i++) {
      t.stop(1 + i, 20);
    }
    assertEquals(false, t.stop(10, 20), "a pool of 1 is not half of ef 20");
  }

  @Test
  void theCappedReRankDepthNeverExceedsTheBeam() {
    org.annlib.hnsw.Refine capped = org.annlib.hnsw.Refine.capped("c", 1.9);
    org.annlib.hnsw.Refine fixed = org.annlib.hnsw.Refine.fixed("f", 1.9);
    assertEquals(19, fixed.depth(10, 10));
    assertEquals(10, capped.depth(10, 10));
    assertEquals(16, capped.depth(10, 16));
    assertEquals(19, capped.depth(10, 64));
    assertEquals(10, capped.depth(10, 4), "never below k");
  }

  @Test
  void theAdaptiveConstructionBeamIsWiderAndStopsItself() {
    AdaptiveConstructionBeam beam = new AdaptiveConstructionBeam();
    assertEquals(406, beam.width(200, 16), "floor(200 * (1 + 0.58 * 1.78)) = 406");
    org.annlib.hnsw.ConstructionBeam.Stop stop = beam.newStop();
    assertEquals(false, stop.stop(14, 0, 406), "not before e > L'/12");
    assertEquals(false, stop.stop(71, 10, 406), "only when e is a multiple of 7");
    assertEquals(false, stop.stop(70, 10, 406), "imp/e = 0.14 and e < 0.82 B");
    assertEquals(true, stop.stop(84, 2, 406), "rule (b): imp/e < 0.036 past B/6");
    assertEquals(true, stop.stop(336, 100, 406), "rule (c): e > 0.82 B");
  }
}
