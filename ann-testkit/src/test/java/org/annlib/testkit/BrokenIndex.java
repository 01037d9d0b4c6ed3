package org.annlib.testkit;

import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.vectors.VectorValues;

/** Exact search with one deliberate fault, to prove that the contract's checks fail on it. */
final class BrokenIndex extends AlteredExactIndex {
  enum Fault {
    /** The nearest id k times, each at its true distance. */
    ONE_ID_K_TIMES,
    /** Far ids (ranks k..2k-1) reported with the true top-k distances. */
    WRONG_DISTANCES,
    /** An id one past the end. */
    OUT_OF_RANGE,
    /** The right ids, worst first. */
    UNSORTED,
    /** The filter is not applied. */
    IGNORES_FILTER,
    /** The right ids, every reported distance a tenth too small. */
    SCALED_DISTANCES,
    /** The second half of the true top k replaced by ids from far away, reported at their distances. */
    HALF_WRONG_IDS
  }

  private final Fault fault;

  BrokenIndex(Metric metric, VectorValues base, Fault fault) {
    super(metric, base);
    this.fault = fault;
  }

  @Override
  public SearchResult search(float[] query, int k, SearchParams params) {
    SearchParams unfiltered = params.toBuilder().filter(null).build();
    SearchResult right = exact.search(query, k, fault == Fault.IGNORES_FILTER ? unfiltered : params);
    int n = right.size();
    long[] ids = right.ids();
    float[] d = right.distances();
    switch (fault) {
      case ONE_ID_K_TIMES -> {
        java.util.Arrays.fill(ids, ids[0]);
        java.util.Arrays.fill(d, d[0]);
      }
      case WRONG_DISTANCES -> {
        SearchResult wide = exact.search(query, 2 * k, params);
        for (int i = 0; i < n; i++) {
          ids[i] = wide.id(wide.size() - n + i);
        }
      }
      case OUT_OF_RANGE -> ids[n - 1] = size();
      case UNSORTED -> {
        for (int i = 0; i < n / 2; i++) {
          long t = ids[i];
          ids[i] = ids[n - 1 - i];
          ids[n - 1 - i] = t;
          float u = d[i];
          d[i] = d[n - 1 - i];
          d[n - 1 - i] = u;
        }
      }
      case SCALED_DISTANCES -> {
        for (int i = 0; i < n; i++) {
          d[i] *= 0.9f;
        }
      }
      case HALF_WRONG_IDS -> {
        SearchResult wide = exact.search(query, 3 * k, params);
        for (int i = n / 2; i < n; i++) {
          ids[i] = wide.id(2 * k + i);
          d[i] = wide.distance(2 * k + i);
        }
      }
      case IGNORES_FILTER -> {}
    }
    return new SearchResult(ids, d, right.distanceComputations());
  }
}
