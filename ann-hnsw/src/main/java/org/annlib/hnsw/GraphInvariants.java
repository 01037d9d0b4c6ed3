package org.annlib.hnsw;

import java.util.ArrayList;
import java.util.List;

/**
 * The structural invariants every HNSW graph keeps, whichever construction strategy built it: no
 * self links, no link listed twice, every id in range, every link at level l pointing at a node
 * that exists on level l, lists within their caps (2M at level 0, M above), and an entry point on
 * the top level. A search relies on all of them (a self link or duplicate wastes distance
 * computations, an out-of-range id reads another node's memory).
 */
public final class GraphInvariants {
  private static final int MAX_REPORTED = 20;

  private GraphInvariants() {}

  /** Every broken invariant of {@code index}'s graph (at most 20), or none. */
  public static List<String> violations(HnswIndex index) {
    return violations(index.graph(), index.size(), index.config().m());
  }

  /** Every broken invariant of {@code graph} over nodes {@code 0..size-1} (at most 20), or none. */
  public static List<String> violations(HnswGraph graph, int size, int m) {
    List<String> out = new ArrayList<>();
    long entry = graph.entry();
    if (size == 0) {
      if (entry != -1) {
        out.add("an empty graph has entry " + entry);
      }
      return out;
    }
    int top = HnswGraph.entryLevel(entry);
    int entryNode = HnswGraph.entryNode(entry);
    if (entryNode < 0 || entryNode >= size || graph.level(entryNode) != top) {
      out.add("entry " + entryNode + " at level " + top + " is not a node on the top level");
    }
    int[] buf = new int[Math.max(graph.maxDegree0(), 2 * m)];
    int[] seenAt = new int[size];
    java.util.Arrays.fill(seenAt, -1);
    int stamp = 0;
    for (int node = 0; node < size && out.size() < MAX_REPORTED; node++) {
      int levels = graph.level(node);
      if (levels > top) {
        out.add("node " + node + " has level " + levels + ", above the entry's " + top);
      }
      for (int l = 0; l <= levels; l++, stamp++) {
        int n = graph.neighbors(node, l, buf);
        int cap = l == 0 ? 2 * m : m;
        if (n > cap) {
          out.add("node " + node + " level " + l + " has " + n + " links, over its cap " + cap);
        }
        for (int j = 0; j < n; j++) {
          int to = buf[j];
          if (to < 0 || to >= size) {
            out.add("node " + node + " level " + l + " links to " + to + ", outside [0, " + size + ")");
          } else if (to == node) {
            out.add("node " + node + " level " + l + " links to itself");
          } else if (seenAt[to] == stamp) {
            out.add("node " + node + " level " + l + " lists " + to + " twice");
          } else if (graph.level(to) < l) {
            out.add("node " + node + " level " + l + " links to " + to + ", which has no level " + l);
          } else {
            seenAt[to] = stamp;
          }
        }
      }
    }
    return out;
  }
}
