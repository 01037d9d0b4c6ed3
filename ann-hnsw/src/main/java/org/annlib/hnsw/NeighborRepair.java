package org.annlib.hnsw;

/**
 * Routes the graph around a deleted node, as hnswlib's {@code repairConnectionsForUpdate} does:
 * every neighbour that links to it gets its list selected again (by the index's neighbour
 * selector) from that list without the node plus the node's own live neighbours, so searches
 * stop spending visits on it and its neighbourhood stays connected. The deleted node keeps its
 * lists, so links to it that remain (from nodes it does not link back to) still route. One
 * instance per updating thread; it holds one node's lock at a time, like {@link HnswInserter}.
 */
final class NeighborRepair {
  private final HnswView view;
  private final OnHeapHnswGraph graph;
  private final NeighborSelector selector;
  private final NeighborSelector.NodeDistance between;
  private final int[] deadList;
  private final int[] list;
  private final int[] candIds;
  private final float[] candDist;
  private final int[] chosen;

  NeighborRepair(HnswView view) {
    this.view = view;
    this.graph = (OnHeapHnswGraph) view.graph();
    this.selector = view.strategies().selector();
    this.between = view::distanceBetween;
    int cap = graph.maxM0;
    this.deadList = new int[cap];
    this.list = new int[cap];
    this.candIds = new int[2 * cap];
    this.candDist = new float[2 * cap];
    this.chosen = new int[2 * cap];
  }

  /** Re-selects the lists of {@code dead}'s neighbours without it, on every level it has. */
  void bypass(int dead) {
    for (int level = 0; level <= graph.level(dead); level++) {
      int cap = level == 0 ? graph.maxM0 : graph.m;
      int nd = graph.neighbors(dead, level, deadList);
      for (int i = 0; i < nd; i++) {
        int node = deadList[i];
        synchronized (graph.lock(node)) {
          relink(node, dead, level, cap, nd);
        }
      }
    }
  }

  private void relink(int node, int dead, int level, int cap, int nd) {
    int c = graph.neighbors(node, level, list);
    if (indexOf(list, c, dead) < 0) {
      return;
    }
    int n = 0;
    for (int j = 0; j < c; j++) {
      if (list[j] != dead) {
        candIds[n++] = list[j];
      }
    }
    for (int j = 0; j < nd; j++) {
      int x = deadList[j];
      if (x != node && !view.deleted().contains(x) && indexOf(candIds, n, x) < 0) {
        candIds[n++] = x;
      }
    }
    for (int j = 0; j < n; j++) {
      candDist[j] = view.distanceBetween(node, candIds[j]);
    }
    HnswInserter.sortByDistance(candIds, candDist, n);
    int kept = selector.select(candIds, candDist, n, cap, graph.m, between, chosen);
    graph.setNeighbors(node, level, chosen, kept);
  }

  private static int indexOf(int[] a, int n, int x) {
    for (int i = 0; i < n; i++) {
      if (a[i] == x) {
        return i;
      }
    }
    return -1;
  }
}
