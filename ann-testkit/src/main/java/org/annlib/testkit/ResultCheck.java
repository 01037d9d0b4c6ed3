package org.annlib.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.annlib.Bits;
import org.annlib.Metric;
import org.annlib.SearchResult;
import org.annlib.exact.ExactDistance;
import org.annlib.vectors.VectorValues;

/**
 * Checks one search result against the stored vectors, independently of the index: every returned
 * id is in range, returned once, accepted by the filter and not deleted; its reported distance is
 * the distance recomputed in double precision from the raw vectors; results come best first. The
 * recall it returns counts ids, not reported distances: a returned id is a hit when its recomputed
 * distance is within the exact k-th distance (ties at the k-th distance all count, as in
 * ann-benchmarks).
 */
public final class ResultCheck {
  /**
   * Two searches that must give the same answer: the same ids in the same order, and the same
   * distances up to float rounding. Not bit-equal: the Vector API leaves the order of a float
   * {@code reduceLanes(ADD)} unspecified, and it differs between the interpreter, C1 and C2, so
   * one query repeated while the JIT recompiles a kernel can move a distance by an ulp.
   */
  public static void assertSameAnswer(SearchResult expected, SearchResult actual, String message) {
    assertArrayEquals(expected.ids(), actual.ids(), message);
    float scale = expected.size() == 0 ? 1f : Math.max(1f, Math.abs(expected.distance(expected.size() - 1)));
    assertArrayEquals(expected.distances(), actual.distances(), 1e-5f * scale, message);
  }

  /**
   * Relative tolerance of a reported distance: float32 kernels sum in another order than the
   * double oracle (about 1e-6 relative over a thousand components), and cosine indexes store
   * normalised float copies (a few 1e-7 per component); 1e-4 is far below any real error.
   */
  static final double DISTANCE_TOLERANCE = 1e-4;

  private final Metric metric;
  private final VectorValues base;
  /** The id of each row of {@link #base}; null when row {@code i} has id {@code i}. */
  private final long[] ids;
  private final Map<Long, Integer> rowOf;
  private final Bits accepted;

  /**
   * @param accepted ids a result may hold (the filter minus deleted ids), null for all
   */
  public ResultCheck(Metric metric, VectorValues base, Bits accepted) {
    this(metric, base, null, accepted);
  }

  /**
   * @param ids the application id of each row of {@code base} (null: the row number)
   * @param accepted ids a result may hold (the filter minus deleted ids), null for all
   */
  public ResultCheck(Metric metric, VectorValues base, long[] ids, Bits accepted) {
    this.metric = metric;
    this.base = base;
    this.ids = ids;
    this.accepted = accepted == null ? Bits.ALL : accepted;
    this.rowOf = new HashMap<>();
    if (ids != null) {
      for (int r = 0; r < ids.length; r++) {
        rowOf.put(ids[r], r);
      }
    }
  }

  private long idOf(int row) {
    return ids == null ? row : ids[row];
  }

  /** The row of {@code id}, or -1 when no row has it. */
  private int row(long id) {
    if (ids == null) {
      return id >= 0 && id < base.size() ? (int) id : -1;
    }
    Integer r = rowOf.get(id);
    return r == null ? -1 : r;
  }

  /** Exact distances from {@code query} to every accepted id, ascending; the oracle's answer. */
  double[] exactAcceptedDistances(float[] query) {
    double[] d = new double[base.size()];
    int n = 0;
    for (int row = 0; row < base.size(); row++) {
      if (accepted.get(idOf(row))) {
        d[n++] = ExactDistance.indexDistance(metric, query, base.vector(row));
      }
    }
    double[] out = Arrays.copyOf(d, n);
    Arrays.sort(out);
    return out;
  }

  /** Checks {@code got} and returns its recall@k in [0, 1] (1 when nothing is accepted). */
  public double recall(float[] query, int k, SearchResult got) {
    double[] exact = exactAcceptedDistances(query);
    int expected = Math.min(k, exact.length);
    String where = " (query " + Arrays.toString(Arrays.copyOf(query, Math.min(4, query.length))) + "..., "
        + TestData.seedInfo() + ")";
    assertTrue(got.size() <= k, "result holds " + got.size() + " entries, more than k=" + k + where);
    if (expected == 0) {
      assertTrue(got.size() == 0, "nothing is accepted, yet the result holds " + got + where);
      return 1.0;
    }
    double kth = exact[expected - 1];
    return checkEntries(query, got, kth + 1e-5 * Math.max(1, Math.abs(kth)), Double.POSITIVE_INFINITY, where)
        / (double) expected;
  }

  /**
   * Checks a range search's {@code got} (ids valid, distinct, accepted, distances recomputed and
   * within {@code radius}, best first) and returns its recall: the share of the accepted vectors
   * within the radius that it holds (1 when there are none).
   */
  public double rangeRecall(float[] query, float radius, SearchResult got) {
    double[] exact = exactAcceptedDistances(query);
    String where = " (radius " + radius + ", query " + Arrays.toString(Arrays.copyOf(query, Math.min(4, query.length)))
        + "..., " + TestData.seedInfo() + ")";
    // the index compares float distances with the radius; the oracle's double ones may differ by rounding
    double slack = DISTANCE_TOLERANCE * Math.max(1, Math.abs(radius));
    int expected = 0;
    while (expected < exact.length && exact[expected] <= radius - slack) {
      expected++;
    }
    int hits = checkEntries(query, got, radius - slack, radius + slack, where);
    assertTrue(got.size() <= exact.length, "range result holds more entries than accepted vectors" + where);
    return expected == 0 ? 1.0 : Math.min(1.0, hits / (double) expected);
  }

  /**
   * Checks every entry of {@code got} and returns how many have a true distance at most {@code
   * hitBelow}; fails on one beyond {@code limit}.
   */
  private int checkEntries(float[] query, SearchResult got, double hitBelow, double limit, String where) {
    boolean[] seen = new boolean[base.size()];
    int hits = 0;
    for (int rank = 0; rank < got.size(); rank++) {
      long id = got.id(rank);
      int row = row(id);
      if (row < 0) {
        fail("rank " + rank + " holds id " + id + ", which is not in the index"
            + (ids == null ? " (outside [0, " + base.size() + "))" : "") + where);
      }
      if (seen[row]) {
        fail("id " + id + " is returned twice (again at rank " + rank + ")" + where);
      }
      seen[row] = true;
      if (!accepted.get(id)) {
        fail("rank " + rank + " holds id " + id + ", which the filter rejects or which was deleted" + where);
      }
      double trueDistance = ExactDistance.indexDistance(metric, query, base.vector(row));
      double reported = got.distance(rank);
      if (!(Math.abs(reported - trueDistance) <= DISTANCE_TOLERANCE * Math.max(1, Math.abs(trueDistance)))) {
        fail("rank " + rank + " reports distance " + reported + " for id " + id + ", whose distance is "
            + trueDistance + where);
      }
      if (rank > 0 && got.distance(rank - 1) > reported) {
        fail("results are not best first: rank " + (rank - 1) + " has " + got.distance(rank - 1) + ", rank " + rank
            + " has " + reported + where);
      }
      if (trueDistance > limit) {
        fail("rank " + rank + " holds id " + id + " at distance " + trueDistance + ", outside the radius" + where);
      }
      if (trueDistance <= hitBelow) {
        hits++;
      }
    }
    return hits;
  }
}
