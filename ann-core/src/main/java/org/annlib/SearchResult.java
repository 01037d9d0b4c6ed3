package org.annlib;

import java.util.Arrays;

/**
 * The nearest neighbours of one query: parallel arrays of the application's ids and distances
 * (see {@link Metric} for the convention), best first, ties broken by the lower internal ordinal
 * where an index computes them exactly. Holds fewer than k entries when the index (or the filter)
 * has fewer vectors, or when a bound of {@link SearchParams} (visits, timeout, cancellation)
 * stopped the search first: then {@link #complete()} is false and the entries are the best found
 * so far, each with its true distance.
 */
public final class SearchResult {
  private static final long[] NO_IDS = new long[0];
  private static final float[] NO_DISTANCES = new float[0];

  private final long[] ids;
  private final float[] distances;
  private final long distanceComputations;
  private final boolean complete;

  /** A complete result; takes ownership of the arrays, which must have the same length. */
  public SearchResult(long[] ids, float[] distances, long distanceComputations) {
    this(ids, distances, distanceComputations, true);
  }

  /**
   * Takes ownership of the arrays, which must have the same length.
   *
   * @param complete false when a bound of the query's {@link SearchParams} stopped the search
   */
  public SearchResult(long[] ids, float[] distances, long distanceComputations, boolean complete) {
    if (ids.length != distances.length) {
      throw new IllegalArgumentException(
          "ids and distances differ in length: " + ids.length + " vs " + distances.length);
    }
    this.ids = ids;
    this.distances = distances;
    this.distanceComputations = distanceComputations;
    this.complete = complete;
  }

  public static SearchResult empty() {
    return new SearchResult(NO_IDS, NO_DISTANCES, 0);
  }

  public int size() {
    return ids.length;
  }

  /** The application id of the result at {@code rank} (see {@link Index}). */
  public long id(int rank) {
    return ids[rank];
  }

  public float distance(int rank) {
    return distances[rank];
  }

  /** A copy of the ids, best first. */
  public long[] ids() {
    return ids.clone();
  }

  /** A copy of the distances, best first. */
  public float[] distances() {
    return distances.clone();
  }

  /** How many vector distances the search computed (per-query cost, as FAISS/hnswlib report). */
  public long distanceComputations() {
    return distanceComputations;
  }

  /**
   * False when a visit limit, timeout or cancellation of the query's {@link SearchParams} stopped
   * the search before it finished: the entries are then the best found so far.
   */
  public boolean complete() {
    return complete;
  }

  @Override
  public String toString() {
    return "SearchResult{ids="
        + Arrays.toString(ids)
        + ", distances="
        + Arrays.toString(distances)
        + ", distanceComputations="
        + distanceComputations
        + (complete ? "" : ", incomplete")
        + "}";
  }
}
