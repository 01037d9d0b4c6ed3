package org.annlib.crinn;

import org.annlib.hnsw.EntryPoints;
import org.annlib.hnsw.HnswGraph;

/**
 * CRINN's extra seeds (G7 and S1 in docs/crinn-variants.md). G7 picks a diverse set of nine
 * upper-layer nodes once per index: starting from the top entry, it repeatedly adds the candidate
 * (a node on level 1 or above) with the largest score {@code 3 level + 1.72 m} (the distance term
 * only when {@code m > 0.18}), times 1.5 on level 2 and above, where {@code m} is the candidate's
 * distance to the nearest node already chosen: farthest-point sampling once distances outweigh
 * levels. S1 adds up to four of them to a query's pool after the descent: one always, a second
 * above ef 12, a third above 24, a fourth above 40 (CRINN's batch thresholds). CRINN picks them
 * with process-wide round-robin counters, so a query's seeds depend on the queries before it;
 * here they start at a position derived from the node the query's descent reached, which keeps
 * the spread over the set and makes the result a function of index and query alone. The top
 * entry itself is not a seed: every descent starts there.
 */
final class DiverseSeeds implements EntryPoints {
  static final String NAME = "crinn-seeds";
  private static final int SET_SIZE = 9;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int count(int ef) {
    return 1 + (ef > 12 ? 1 : 0) + (ef > 24 ? 1 : 0) + (ef > 40 ? 1 : 0);
  }

  @Override
  public int[] choose(HnswGraph graph, int size, NodeDistance distance) {
    long entry = graph.entry();
    if (entry < 0) {
      return new int[0];
    }
    int top = HnswGraph.entryNode(entry);
    int n = 0;
    int[] upper = new int[16];
    for (int node = 0; node < size; node++) {
      if (node != top && graph.level(node) >= 1) {
        if (n == upper.length) {
          upper = java.util.Arrays.copyOf(upper, 2 * n);
        }
        upper[n++] = node;
      }
    }
    float[] nearest = new float[n];
    boolean[] taken = new boolean[n];
    for (int i = 0; i < n; i++) {
      nearest[i] = distance.between(upper[i], top);
    }
    int count = Math.min(SET_SIZE - 1, n);
    int[] seeds = new int[count];
    for (int s = 0; s < count; s++) {
      int best = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        if (taken[i]) {
          continue;
        }
        int level = graph.level(upper[i]);
        double score = 3.0 * level + (nearest[i] > 0.18f ? 1.72 * nearest[i] : 0);
        if (level >= 2) {
          score *= 1.5;
        }
        if (score > bestScore) {
          bestScore = score;
          best = i;
        }
      }
      taken[best] = true;
      int chosen = upper[best];
      seeds[s] = chosen;
      for (int i = 0; i < n; i++) {
        if (!taken[i]) {
          nearest[i] = Math.min(nearest[i], distance.between(upper[i], chosen));
        }
      }
    }
    return seeds;
  }
}
