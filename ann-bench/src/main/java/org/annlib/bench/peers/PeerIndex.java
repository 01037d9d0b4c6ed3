package org.annlib.bench.peers;

import org.annlib.Index;
import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.Searcher;
import org.annlib.util.SearcherPool;
import org.annlib.vectors.VectorChecks;

/**
 * The {@link Index} side of a peer: query validation (the same messages as our indexes), the
 * default beam (64, as {@code HnswIndex}), and a searcher pool. Subclasses only run the library's
 * search for a prepared query.
 */
abstract class PeerIndex implements Index {
  /** One thread's search state in the library. */
  interface QuerySearch {
    SearchResult search(float[] preparedQuery, int k, int ef);
  }

  private final Metric metric;
  private final int dimension;
  private final int size;
  private final SearcherPool pool = new SearcherPool(this::searcher);

  PeerIndex(Metric metric, int dimension, int size) {
    this.metric = metric;
    this.dimension = dimension;
    this.size = size;
  }

  abstract QuerySearch newQuerySearch();

  @Override
  public final Metric metric() {
    return metric;
  }

  @Override
  public final int dimension() {
    return dimension;
  }

  @Override
  public final int size() {
    return size;
  }

  @Override
  public final Searcher searcher() {
    QuerySearch s = newQuerySearch();
    return (query, k, params) -> {
      VectorChecks.checkSearch(k, params);
      float[] q = VectorChecks.prepare(query, dimension, metric, "query");
      return s.search(q, k, Math.max(k, params.ef() > 0 ? params.ef() : 64));
    };
  }

  @Override
  public final SearchResult search(float[] query, int k, SearchParams params) {
    return pool.search(query, k, params);
  }

  /** The runner measures k-nearest search only; a peer's range search is not wired. */
  @Override
  public final SearchResult rangeSearch(float[] query, float radius, SearchParams params) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " (a benchmark peer) has no range search");
  }
}
