package org.annlib.hnsw;

import org.annlib.Bits;
import org.annlib.util.DeletedSet;
import org.annlib.Metric;
import org.annlib.util.IdMap;
import org.annlib.util.SlotWrites;
import org.annlib.vectors.VectorScorer;
import org.annlib.vectors.VectorValues;

/**
 * Everything a search or an insert reads, fixed when the view is taken: graph, vectors, first-pass
 * codes (null for float32 walks), the entry strategy's extra seeds, the strategies, the deleted
 * set, the application ids of the ordinals and the guard of slot overwrites. {@link HnswIndex}
 * publishes a new view when what searches read changes (end of a build, load); searchers take the
 * current one once per query and read nothing else. The graph, the vectors and the codes grow by
 * appending; a slot is overwritten (a reused deleted slot, an upsert) only inside {@link
 * SlotWrites#write}, and a search runs inside {@link SlotWrites#read}, so it never returns a
 * distance to a half-written vector. A search sees the nodes that existed when it read {@link
 * #size}.
 */
record HnswView(Metric metric, int dimension, HnswConfig config, HnswStrategySet strategies, HnswGraph graph,
    VectorValues vectors, CodeStore codes, int[] seeds, DeletedSet deleted, IdMap ids, SlotWrites slots,
    RecallCalibration calibration) {

  HnswView withSearchData(CodeStore codes, int[] seeds) {
    return new HnswView(metric, dimension, config, strategies, graph, vectors, codes, seeds, deleted, ids, slots,
        calibration);
  }

  HnswView withCalibration(RecallCalibration c) {
    return new HnswView(metric, dimension, config, strategies, graph, vectors, codes, seeds, deleted, ids, slots, c);
  }

  /** Nodes stored now; nodes appended later are skipped by searches that read it earlier. */
  int size() {
    return vectors.size();
  }

  /**
   * Which ordinals a search may return: not deleted, and accepted by {@code filter}, which speaks
   * application ids. Null when every ordinal is accepted, so the unfiltered walk has no per-node test.
   */
  Bits acceptor(Bits filter) {
    DeletedSet d = deleted;
    IdMap m = ids;
    boolean none = d.count() == 0;
    if (filter == null) {
      return none ? null : ord -> !d.contains((int) ord);
    }
    if (m.isIdentity()) {
      return none ? filter : ord -> !d.contains((int) ord) && filter.get(ord);
    }
    return none ? ord -> filter.get(m.id((int) ord)) : ord -> !d.contains((int) ord) && filter.get(m.id((int) ord));
  }

  VectorScorer scorerForNode(int node) {
    return vectors.scorer(metric, vectors.vector(node));
  }

  float distanceBetween(int a, int b) {
    return vectors.distanceBetween(metric, a, b);
  }
}
