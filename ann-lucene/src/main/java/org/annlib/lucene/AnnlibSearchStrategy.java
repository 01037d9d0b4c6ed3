package org.annlib.lucene;

import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.knn.KnnSearchStrategy;

/**
 * The beam width (ef) of a query on an {@link AnnlibHnswVectorsFormat} field: pass it to {@code
 * KnnFloatVectorQuery(field, target, k, filter, strategy)}. Without it a query's beam is its k,
 * as in Lucene's own HNSW; a larger ef buys recall at the same k. It extends Lucene's HNSW
 * strategy, so other formats treat it as their default.
 */
public final class AnnlibSearchStrategy extends KnnSearchStrategy.Hnsw {
  private final int ef;

  /** @throws IllegalArgumentException when {@code ef < 1} */
  public AnnlibSearchStrategy(int ef) {
    super(DEFAULT_FILTERED_SEARCH_THRESHOLD);
    if (ef < 1) {
      throw new IllegalArgumentException("ef must be at least 1, got " + ef);
    }
    this.ef = ef;
  }

  public int ef() {
    return ef;
  }

  /** The collector's ef, or 0 when its query named none. */
  static int efOf(KnnCollector collector) {
    return collector.getSearchStrategy() instanceof AnnlibSearchStrategy s ? s.ef : 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AnnlibSearchStrategy s && s.ef == ef && super.equals(o);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + ef;
  }

  @Override
  public String toString() {
    return "AnnlibSearchStrategy(ef=" + ef + ")";
  }
}
