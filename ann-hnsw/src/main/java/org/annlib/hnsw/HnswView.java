package org.annlib.hnsw;

import org.annlib.Bits;
import org.annlib.Metric;
import org.annlib.vectors.VectorScorer;
import org.annlib.vectors.VectorValues;

/**
 * Everything a search or an insert reads, fixed when the view is taken: graph, vectors, first-pass
 * codes (null for float32 walks), the entry strategy's extra seeds, the strategies and the deleted
 * set. {@link HnswIndex} publishes a new view when what searches read changes (end of a build,
 * load); searchers take the current one once per query and read nothing else. The graph, the
 * vectors and the codes are append-only and the deleted set only gains ids, so a view stays valid
 * while inserts and deletes run: a search sees the nodes that existed when it read {@link #size}.
 */
record HnswView(Metric metric, int dimension, HnswConfig config, HnswStrategySet strategies, HnswGraph graph,
    VectorValues vectors, CodeStore codes, int[] seeds, DeletedSet deleted) {

  HnswView withSearchData(CodeStore codes, int[] seeds) {
    return new HnswView(metric, dimension, config, strategies, graph, vectors, codes, seeds, deleted);
  }

  /** Nodes stored now; nodes appended later are skipped by searches that read it earlier. */
  int size() {
    return vectors.size();
  }

  /** Null when every id is accepted, so the unfiltered walk has no per-node test. */
  Bits acceptor(Bits filter) {
    DeletedSet d = deleted;
    if (d.count() == 0) {
      return filter;
    }
    return filter == null ? id -> !d.contains(id) : id -> filter.get(id) && !d.contains(id);
  }

  VectorScorer scorerForNode(int node) {
    return vectors.scorer(metric, vectors.vector(node));
  }

  float distanceBetween(int a, int b) {
    return vectors.distanceBetween(metric, a, b);
  }
}
