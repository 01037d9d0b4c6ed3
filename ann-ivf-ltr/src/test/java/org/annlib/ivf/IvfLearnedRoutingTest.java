package org.annlib.ivf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.annlib.Metric;
import org.annlib.ProgressListener;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.datasets.Dataset;
import org.annlib.exact.GroundTruth;
import org.annlib.exact.Recall;
import org.annlib.testkit.TestData;
import org.annlib.vectors.FlatVectorValues;
import org.annlib.vectors.VectorValues;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Learned routing on the embedded Fashion-MNIST subset (10,000 base vectors, 1,000 disjoint
 * queries): the router trains on base vectors used as queries, and recall is measured on the
 * dataset's own queries, which it never saw.
 */
class IvfLearnedRoutingTest {
  private static Dataset data;
  private static int[][] ipTruth;

  @BeforeAll
  static void load() {
    data = TestData.embedded();
    ipTruth = GroundTruth.compute(data.train(), data.test(), Metric.INNER_PRODUCT, 10, 2, ProgressListener.NONE).ids();
  }

  private static double recall(IvfIndex index, int[][] truth, SearchParams p) {
    return recall(index, truth, p, 0, data.test().size());
  }

  /** Mean id recall@10 over dataset queries {@code from..to-1}. */
  private static double recall(IvfIndex index, int[][] truth, SearchParams p, int from, int to) {
    double sum = 0;
    VectorValues q = data.test();
    for (int i = from; i < to; i++) {
      SearchResult r = index.search(q.vector(i), 10, p);
      sum += Recall.idRecall(truth[i], 10, r.ids(), r.size());
    }
    return sum / (to - from);
  }

  private static final double GAIN = 0.015;

  /**
   * The paper's setting: maximum inner product on un-normalised vectors over L2-built partitions,
   * where routing by {@code <q, c>} is badly mismatched (arXiv 2404.11731 finds its largest gains
   * there). Here (64 lists over 10,000 vectors, 3,200
   * training queries) the learned router measured 0.698 against 0.654 at nprobe 2 (seed 5); it must
   * gain at least 0.03. The full-size measurements are in docs/ivf-ltr.md.
   */
  @Test
  void learnedRoutingBeatsCentroidRoutingForMaximumInnerProduct() {
    IvfIndex centroid = IvfIndex.builder(Metric.INNER_PRODUCT).nlist(64).seed(5).threads(2).build(data.train());
    IvfIndex learned = IvfIndex.builder(Metric.INNER_PRODUCT).nlist(64).seed(5).threads(2).router("ltr")
        .trainingQueries(4_000).build(data.train());
    assertEquals("ltr", learned.router().name(), learned.routingReport().toString());
    RoutingReport rep = learned.routingReport();
    assertEquals("base", rep.querySource());
    assertEquals(3_200, rep.trainQueries());
    assertEquals(800, rep.validationQueries());
    assertTrue(rep.learnedRecall() > rep.centroidRecall(), rep.toString());
    SearchParams p = SearchParams.builder().nprobe(2).build();
    double before = recall(centroid, ipTruth, p);
    double after = recall(learned, ipTruth, p);
    assertTrue(after >= before + 0.03, "recall@10 at nprobe 2: centroid " + before + ", learned " + after);
  }

  /**
   * The same claim on a held-out split of real queries: the router trains on a query log of the
   * first 600 dataset queries (480 to train, 120 to pick the epoch and the router) and is judged on
   * the other 400, which neither training nor model selection saw. Inner product on un-normalised
   * pixels over L2-built partitions, where the paper says learned routing helps most. Measured
   * (64 lists, seed 5, nprobe 2): centroid 0.659, learned 0.6855, a gain of 0.0265; the learned
   * router must gain at least 0.015 (the measured gain minus 0.01: 400 queries make one query's
   * recall worth 0.0025, and a change of partitions from a k-means seed moves a few queries).
   */
  @Test
  void learnedRoutingBeatsCentroidRoutingOnHeldOutQueries() {
    FlatVectorValues log = TestData.head(data.test(), 600);
    IvfIndex centroid = IvfIndex.builder(Metric.INNER_PRODUCT).nlist(64).seed(5).threads(2).build(data.train());
    IvfIndex learned = IvfIndex.builder(Metric.INNER_PRODUCT).nlist(64).seed(5).threads(2).router("ltr")
        .queryLog(log).build(data.train());
    assertEquals("log", learned.routingReport().querySource());
    assertEquals(480, learned.routingReport().trainQueries());
    assertEquals(120, learned.routingReport().validationQueries());
    SearchParams p = SearchParams.builder().nprobe(2).build();
    double before = recall(centroid, ipTruth, p, 600, 1_000);
    double after = recall(learned, ipTruth, p, 600, 1_000);
    System.out.printf("held-out IP recall@10 at nprobe 2: centroid %.4f, learned %.4f (%s)%n", before, after,
        learned.routingReport());
    assertTrue(after >= before + GAIN, "held-out recall@10 at nprobe 2: centroid " + before + ", learned " + after);
  }

  @Test
  void aQueryLogTrainsTheRouterInsteadOfBaseVectors() {
    FlatVectorValues log = TestData.head(data.test(), 500); // training on test queries is only for this check
    IvfIndex index = IvfIndex.builder(Metric.EUCLIDEAN).nlist(32).seed(5).threads(2).router("ltr").queryLog(log)
        .epochs(3).build(data.train());
    assertEquals("log", index.routingReport().querySource());
    assertEquals(400, index.routingReport().trainQueries());
    assertEquals(100, index.routingReport().validationQueries());
  }

  @Test
  void badTrainingInputIsNamed() {
    FlatVectorValues base = TestData.head(data.train(), 500);
    assertEquals("the training query log is empty", assertThrows(IllegalArgumentException.class,
        () -> IvfIndex.builder(Metric.EUCLIDEAN).nlist(8).router("ltr").queryLog(new FlatVectorValues(784, 1))
            .build(base)).getMessage());
    FlatVectorValues nan = TestData.head(data.test(), 3);
    float[] bad = nan.vector(2).clone();
    bad[7] = Float.NaN;
    FlatVectorValues withNaN = TestData.head(nan, 2);
    withNaN.add(bad);
    assertEquals("training query 2 has a non-finite component at index 7: NaN", assertThrows(
        IllegalArgumentException.class,
        () -> IvfIndex.builder(Metric.EUCLIDEAN).nlist(8).router("ltr").queryLog(withNaN).build(base)).getMessage());
    assertEquals("training query log has dimension 3, the index has 784", assertThrows(IllegalArgumentException.class,
        () -> IvfIndex.builder(Metric.EUCLIDEAN).nlist(8).router("ltr").queryLog(TestData.gaussian(1, 10, 3))
            .build(base)).getMessage());
    float[] vecBad = base.vector(0).clone();
    vecBad[0] = Float.POSITIVE_INFINITY;
    FlatVectorValues badBase = TestData.head(base, 100);
    badBase.add(vecBad);
    assertEquals("vector 100 has a non-finite component at index 0: Infinity", assertThrows(
        IllegalArgumentException.class, () -> IvfIndex.builder(Metric.EUCLIDEAN).nlist(8).build(badBase)).getMessage());
  }

  /**
   * Adaptive nprobe: asking for a recall target reaches it within 0.03 on unseen queries (the
   * calibration is fitted on base vectors used as queries, a slightly different distribution),
   * and a higher target probes more lists.
   */
  @Test
  void aRecallTargetChoosesNprobePerQuery() {
    IvfIndex index = IvfIndex.builder(Metric.EUCLIDEAN).nlist(100).seed(5).threads(2).trainingQueries(1_500)
        .build(data.train());
    int[][] truth = data.neighbors();
    double lastProbed = 0;
    for (double target : new double[] {0.8, 0.9, 0.95, 0.99}) {
      SearchParams p = SearchParams.builder().targetRecall(target).build();
      double got = recall(index, truth, p);
      long scanned = 0;
      for (int i = 0; i < data.test().size(); i++) {
        scanned += index.search(data.test().vector(i), 10, p).distanceComputations();
      }
      assertTrue(got >= target - 0.03, "target " + target + ": recall " + got);
      assertTrue(scanned > lastProbed, "target " + target + " scanned " + scanned + ", lower target " + lastProbed);
      lastProbed = scanned;
    }
    // nprobe caps the adaptive choice
    SearchParams capped = SearchParams.builder().targetRecall(0.99).nprobe(1).build();
    assertEquals(100 + index.listSizes().max(), Math.max(100 + index.listSizes().max(),
        index.search(data.test().vector(0), 10, capped).distanceComputations()));
  }

  /** SQ8 lists with exact re-ranking of 4k candidates lose almost nothing at equal nprobe. */
  @Test
  void sq8ListsWithRerankingKeepRecall() {
    IvfIndex flat = IvfIndex.builder(Metric.EUCLIDEAN).nlist(64).seed(5).threads(2).build(data.train());
    IvfIndex sq8 = IvfIndex.builder(Metric.EUCLIDEAN).nlist(64).seed(5).threads(2).encoding("sq8").build(data.train());
    assertEquals("sq8", sq8.encoding());
    SearchParams p = SearchParams.builder().nprobe(6).build();
    double a = recall(flat, data.neighbors(), p);
    double b = recall(sq8, data.neighbors(), p);
    assertTrue(b >= a - 0.005, "recall@10 at nprobe 6: float32 " + a + ", sq8 " + b);
    assertTrue(sq8.ramBytesUsed() > flat.ramBytesUsed(), "sq8 keeps codes beside the float32 rows");
  }
}
