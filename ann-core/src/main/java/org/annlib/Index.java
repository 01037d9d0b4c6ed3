package org.annlib;

/**
 * A k-nearest-neighbour index over vectors with dense int ids {@code 0..size()-1} in insertion
 * order. Search is thread-safe.
 *
 * <p>Bad input never changes what is stored: a query of the wrong dimension, or with a NaN or
 * infinite component, throws {@link IllegalArgumentException} naming the problem; so does {@code
 * k <= 0}, and under {@link Metric#COSINE} a zero query. An empty index returns an empty result,
 * and {@code k > size()} returns every (accepted) vector.
 */
public interface Index {
  Metric metric();

  int dimension();

  /** Number of vectors stored, including any marked deleted. */
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
}
