package org.annlib;

/**
 * A search handle that owns scratch space (heaps, visited sets, buffers) and reuses it across
 * queries. Not thread-safe: give each thread its own, from {@link Index#searcher()}. {@link
 * Index#search} does this for you through a pool.
 */
public interface Searcher {
  /** See {@link Index#search(float[], int, SearchParams)}. */
  SearchResult search(float[] query, int k, SearchParams params);

  /**
   * See {@link Index#rangeSearch}. Searchers of indexes without range search (adapters of other
   * libraries in the benchmark runner) keep this default, which says so.
   */
  default SearchResult rangeSearch(float[] query, float radius, SearchParams params) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no range search");
  }
}
