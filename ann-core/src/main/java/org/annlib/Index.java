package org.annlib;

/**
 * A k-nearest-neighbour index. Results and filters carry the application's {@code long} ids; an
 * index built without ids ({@link IndexBuilder#build(org.annlib.vectors.VectorValues)}) gives
 * vector {@code i} the id {@code i}. Search is thread-safe. {@link UpdatableIndex} adds updates by
 * id.
 *
 * <p>Bad input never changes what is stored: a query of the wrong dimension, or with a NaN or
 * infinite component, throws {@link IllegalArgumentException} naming the problem; so does {@code
 * k <= 0}, and under {@link Metric#COSINE} a zero query. An empty index returns an empty result,
 * and {@code k > size()} returns every (accepted) vector.
 */
public interface Index {
  Metric metric();

  int dimension();

  /** Number of vector slots stored, including deleted ones not yet reclaimed. */
  int size();

  /** Heap and off-heap bytes held by the index (vectors, graph, codes), for capacity planning. */
  long ramBytesUsed();

  /** A new single-threaded search handle with its own scratch space. */
  Searcher searcher();

  /**
   * One line on how the index was built, for logs and benchmark reports (an IVF index gives its
   * list-size distribution and router); empty when there is nothing beyond the parameters.
   */
  default String describe() {
    return "";
  }

  /** The {@code k} nearest vectors to {@code query} with default parameters. */
  default SearchResult search(float[] query, int k) {
    return search(query, k, SearchParams.DEFAULT);
  }

  /** The {@code k} nearest vectors to {@code query}; thread-safe. */
  SearchResult search(float[] query, int k, SearchParams params);

  /**
   * Every vector within {@code radius} of {@code query} ({@link Metric}'s distance convention:
   * squared L2, -dot or 1 - cos, so an inner-product radius is usually negative), best first,
   * filtered and deleted ones left out; thread-safe. Exact for a flat index; an approximate index
   * finds the ones its walk or probes reach (see its documentation). Bound its cost with {@link
   * SearchParams#maxVisits()} or a timeout: a large radius returns a large part of the index.
   *
   * @throws IllegalArgumentException for a NaN radius or a bad query, as for {@link #search}
   */
  SearchResult rangeSearch(float[] query, float radius, SearchParams params);

  /**
   * The {@code k} nearest vectors to each of {@code queries}, in query order, searched in
   * parallel on {@code executor} (each task with its own {@link Searcher}). Every query is checked
   * before any search starts; the first search that fails fails the call.
   */
  default SearchResult[] searchBatch(float[][] queries, int k, SearchParams params,
      java.util.concurrent.Executor executor) {
    return org.annlib.util.BatchSearch.run(this, queries, k, params, executor);
  }

  /** {@link #searchBatch(float[][], int, SearchParams, java.util.concurrent.Executor)} on the common pool. */
  default SearchResult[] searchBatch(float[][] queries, int k, SearchParams params) {
    return searchBatch(queries, k, params, java.util.concurrent.ForkJoinPool.commonPool());
  }
}
