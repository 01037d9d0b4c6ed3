package org.annlib.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    assertEquals(2 / 3.0, Recall.idRecall(new int[] {7, 8, 9}, 3, new int[] {9, 7, 100}, 3), 1e-12);
  }

  @Test
  void tooShortGroundTruthIsAnError() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Recall.recall(new float[] {1f}, 10, new float[10], 10));
    assertEquals("ground truth has 1 neighbours, recall@10 needs 10", e.getMessage());
  }
}
