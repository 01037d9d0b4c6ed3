package org.annlib;

import java.util.Arrays;

/**
 * The nearest neighbours of one query: parallel arrays of the application's ids and distances
 * (see {@link Metric} for the convention), best first, ties broken by the lower internal ordinal
 * where an index computes them exactly. Holds fewer than k entries when the index (or the filter) has fewer vectors.
 */
public final class SearchResult {
  private static final long[] NO_IDS = new long[0];
  private static final float[] NO_DISTANCES = new float[0];

  private final long[] ids;
  private final float[] distances;
  private final long distanceComputations;

  /** Takes ownership of the arrays, which must have the same length. */
  public SearchResult(long[] ids, float[] distances, long distanceComputations) {
    if (ids.length != distances.length) {
      throw new IllegalArgumentException(
          "ids and distances differ in length: " + ids.length + " vs " + distances.length);
    }
    this.ids = ids;
    this.distances = distances;
    this.distanceComputations = distanceComputations;
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

  @Override
  public String toString() {
    return "SearchResult{ids="
        + Arrays.toString(ids)
        + ", distances="
        + Arrays.toString(distances)
        + ", distanceComputations="
        + distanceComputations
        + "}";
  }
}
