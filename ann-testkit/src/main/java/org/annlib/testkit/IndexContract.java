package org.annlib.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.annlib.Bits;
import org.annlib.Index;
import org.annlib.IndexBuilder;
import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.UpdatableIndex;
import org.annlib.vectors.VectorValues;
import org.junit.jupiter.api.function.Executable;

/**
 * What an index's contract suite states about it (builder, parameters, recall margins, which
 * updates it has) and the checks every contract test uses. Extend {@link BaseIndexTestCase}.
 */
public abstract class IndexContract {
  /** For the subclass of each index. */
  protected IndexContract() {}

  protected static final int K = 10;

  /** A builder for an index of {@code metric}, with parameters suited to a few thousand vectors. */
  protected abstract IndexBuilder<? extends Index> newBuilder(Metric metric);

  /** Search parameters for the recall checks (for example a large enough ef). */
  protected SearchParams recallParams() {
    return SearchParams.DEFAULT;
  }

  /**
   * Minimum mean recall@10 on the embedded Fashion-MNIST set; subclasses override with the value
   * their parameters guarantee, and say why in a comment.
   */
  protected abstract double minRecallOnRealData();

  /** Minimum mean recall@10 on 2,000 clustered synthetic vectors, for each metric. */
  protected abstract double minRecallPerMetric();

  /** Minimum mean recall@10 with a filter that accepts about 5% of the ids. */
  protected abstract double minFilteredRecall();

  /** Minimum mean recall@10 of random queries on a set where a sixth of the vectors are one vector. */
  protected double minRecallWithDuplicates() {
    return minRecallPerMetric();
  }

  /** Whether the builder runs parallel steps (on its executor, when given one); a flat build is one copy. */
  protected boolean buildsInParallel() {
    return true;
  }

  /**
   * Deletes {@code id} from {@code index} and returns true, or returns false when the index has no
   * deletes (the delete tests are then skipped).
   */
  protected boolean delete(Index index, long id) {
    return index instanceof UpdatableIndex u && u.delete(id);
  }

  /**
   * Whether the indexes {@link #newBuilder} makes take new and replaced vectors (an {@link
   * UpdatableIndex} that is not read-only, as a memory-mapped one is). The add and upsert tests
   * are skipped otherwise.
   */
  protected boolean canAdd() {
    return true;
  }

  /** Whether an add after a delete stores the vector in the deleted slot, so size() does not grow. */
  protected boolean reusesDeletedSlots() {
    return true;
  }

  /**
   * The index written to a file and read back (for example {@code save} then {@code load}), or
   * null when the index has no files (the persistence test is then skipped).
   */
  protected Index reopen(Index index, Path file) throws IOException {
    return null;
  }

  /** Minimum mean recall@10 after 10% of the vectors are deleted; by default the per-metric margin. */
  protected double minRecallWithDeletes() {
    return minRecallPerMetric();
  }

  /**
   * Mean recall@10 of {@code n} queries, every result checked by {@link ResultCheck} against the
   * stored vectors {@code base} (ids valid, distinct, accepted, distances recomputed, best first).
   *
   * @param accepted ids a result may hold (filter minus deletes), null for all
   */
  protected static double meanRecall(Index index, VectorValues base, VectorValues queries, int n, SearchParams params,
      Bits accepted) {
    return meanRecall(index, base, null, queries, n, params, accepted);
  }

  /** As {@link #meanRecall(Index, VectorValues, VectorValues, int, SearchParams, Bits)}, row {@code i} of base under {@code ids[i]}. */
  protected static double meanRecall(Index index, VectorValues base, long[] ids, VectorValues queries, int n,
      SearchParams params, Bits accepted) {
    ResultCheck check = new ResultCheck(index.metric(), base, ids, accepted);
    double sum = 0;
    for (int q = 0; q < n; q++) {
      float[] query = queries.vector(q);
      sum += check.recall(query, K, index.search(query, K, params));
    }
    return sum / n;
  }

  /** Asserts {@code recall >= margin} and prints both, so that margins can be kept near what is measured. */
  protected void assertRecall(String what, double recall, double margin) {
    System.out.printf(java.util.Locale.ROOT, "contract %s %s: recall@10 %.4f, margin %.2f%n", getClass().getSimpleName(),
        what, recall, margin);
    assertTrue(recall >= margin, what + " recall@10 " + recall + " < " + margin + " (" + TestData.seedInfo() + ")");
  }

  protected static void assertMessage(String expected, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(expected, e.getMessage());
  }
}
