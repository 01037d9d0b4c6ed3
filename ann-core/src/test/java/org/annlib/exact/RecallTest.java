package org.annlib.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.annlib.Metric;
import org.annlib.SearchResult;
import org.annlib.vectors.FlatVectorValues;
import org.junit.jupiter.api.Test;

class RecallTest {
  private static final float[] GT = {1f, 2f, 3f, 3f, 4f};

  @Test
  void tiesAtTheKthDistanceCountAsHits() {
    // Returned the other id at distance 3: still a full hit, as in ann-benchmarks.
    assertEquals(1.0, Recall.recall(GT, 3, new float[] {1f, 2f, 3f}, 3));
    assertEquals(1.0, Recall.recall(GT, 3, new float[] {1f, 2f, 3.0009f}, 3), "within epsilon 1e-3");
    assertEquals(2 / 3.0, Recall.recall(GT, 3, new float[] {1f, 2f, 3.01f}, 3), 1e-12);
  }

  @Test
  void shortResultsCountOnlyWhatWasReturned() {
    assertEquals(0.4, Recall.recall(GT, 5, new float[] {1f, 2f}, 2), 1e-12);
    assertEquals(0.0, Recall.recall(GT, 5, new float[0], 0));
  }

  @Test
  void idRecallIgnoresTies() {
    assertEquals(2 / 3.0, Recall.idRecall(new int[] {7, 8, 9}, 3, new long[] {9, 7, 100}, 3), 1e-12);
  }

  @Test
  void tooShortGroundTruthIsAnError() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Recall.recall(new float[] {1f}, 10, new float[10], 10));
    assertEquals("ground truth has 1 neighbours, recall@10 needs 10", e.getMessage());
  }

  @Test
  void kBelowOneAndTooShallowIdGroundTruthAreErrors() {
    IllegalArgumentException e0 =
        assertThrows(IllegalArgumentException.class, () -> Recall.hits(GT, 0, new float[3], 3, Recall.EPSILON));
    assertEquals("recall@k needs k >= 1, got 0", e0.getMessage());
    IllegalArgumentException e1 =
        assertThrows(IllegalArgumentException.class, () -> Recall.idRecall(new int[] {1, 2}, -1, new long[] {1}, 1));
    assertEquals("recall@k needs k >= 1, got -1", e1.getMessage());
    IllegalArgumentException e2 =
        assertThrows(IllegalArgumentException.class, () -> Recall.idRecall(new int[] {1, 2}, 3, new long[] {1, 2, 3}, 3));
    assertEquals("ground truth has 2 neighbours, recall@3 needs 3", e2.getMessage());
  }

  @Test
  void anIdReturnedManyTimesCountsOnce() {
    // base: id 0 at distance 0 from the query, ids 1..4 at distances 1..4
    FlatVectorValues base = new FlatVectorValues(1, 5);
    for (int i = 0; i < 5; i++) {
      base.add(new float[] {i});
    }
    float[] query = {0};
    float[] truth = {0, 1, 2, 3, 4};
    SearchResult sameIdThrice = new SearchResult(new long[] {0, 0, 0}, new float[] {0, 0, 0}, 3);
    assertEquals(1 / 3.0, Recall.recall(Metric.EUCLIDEAN, query, base, sameIdThrice, truth, 3), 1e-12);
    SearchResult right = new SearchResult(new long[] {0, 1, 2}, new float[] {0, 1, 4}, 3);
    assertEquals(1.0, Recall.recall(Metric.EUCLIDEAN, query, base, right, truth, 3), 1e-12);
    // reported distances are not trusted: ids 3 and 4 claimed at distance 0 are re-scored
    SearchResult lying = new SearchResult(new long[] {0, 3, 4}, new float[] {0, 0, 0}, 3);
    assertEquals(1 / 3.0, Recall.recall(Metric.EUCLIDEAN, query, base, lying, truth, 3), 1e-12);
  }
}
