package org.annlib.hnsw;

import org.annlib.util.NodeQueue;
import org.annlib.vectors.VectorScorer;

/**
 * Inserts nodes into the graph (Algorithm 1 of the paper, hnswlib's addPoint): greedy descent to
 * the node's level, then on each level a beam search of width efConstruction, neighbour selection,
 * and mutual linking, re-selecting a neighbour's list when the new link overflows it. One instance
 * per building thread; many may insert concurrently. It reads only its view (graph, vectors,
 * strategies) and the lock that guards the entry point.
 */
final class HnswInserter {
  private final HnswView view;
  private final Object entryLock;
  private final OnHeapHnswGraph graph;
  private final LevelSearch search;
  private final NeighborSelector selector;
  private final int beamWidth;
  private final ConstructionBeam.Stop beamStop;
  private final NeighborSelector.NodeDistance between;
  private int[] candIds = new int[64];
  private float[] candDist = new float[64];
  private final int[] chosen;
  /** Separate from {@link #chosen}, which the caller is still iterating while a list overflows. */
  private final int[] reselected;
  private final int[] overflowIds;
  private final float[] overflowDist;
  private final int[] listBuf;

  HnswInserter(HnswView view, Object entryLock) {
    this.view = view;
    this.entryLock = entryLock;
    this.graph = (OnHeapHnswGraph) view.graph();
    this.selector = view.strategies().selector();
    ConstructionBeam beam = view.strategies().construction();
    this.beamWidth = beam.width(view.config().efConstruction(), graph.m);
    this.beamStop = beam.newStop();
    this.between = view::distanceBetween;
    this.search = new LevelSearch(graph.capacity(), graph.maxM0);
    this.chosen = new int[graph.maxM0 + 1];
    this.reselected = new int[graph.maxM0 + 1];
    this.overflowIds = new int[graph.maxM0 + 1];
    this.overflowDist = new float[graph.maxM0 + 1];
    this.listBuf = new int[graph.maxM0 + 1];
  }

  /** Links {@code node}, whose vector is stored and whose level is {@code level}. */
  void insert(int node, int level) {
    insert(node, level, false);
  }

  /**
   * Links {@code node} again after its slot got a new vector (a reused deleted slot, or an
   * upsert), keeping its level; lists that already hold it are not given it twice.
   */
  void reinsert(int node) {
    insert(node, graph.level(node), true);
  }

  private void insert(int node, int level, boolean again) {
    if (!again) {
      // a reinserted node keeps its lists until each level's new one replaces it: as the entry
      // node, it is where the new lists are searched from
      graph.initNode(node, level);
    }
    long entry = graph.entry();
    if (entry < 0) {
      synchronized (entryLock) {
        if (graph.entry() < 0) {
          graph.setEntry(HnswGraph.packEntry(level, node));
          return;
        }
        entry = graph.entry();
      }
    }
    if (level > HnswGraph.entryLevel(entry)) {
      // A new top node: like hnswlib, hold the entry lock for the whole insert so that the entry
      // point and the top level move together.
      synchronized (entryLock) {
        link(node, level, graph.entry(), again);
        if (level > HnswGraph.entryLevel(graph.entry())) {
          graph.setEntry(HnswGraph.packEntry(level, node));
        }
      }
    } else {
      link(node, level, entry, again);
    }
  }

  private void link(int node, int level, long entry, boolean again) {
    VectorScorer scorer = view.scorerForNode(node);
    int ep = HnswGraph.entryNode(entry);
    int top = HnswGraph.entryLevel(entry);
    int size = view.size();
    float d = scorer.distance(ep);
    search.greedy(graph, scorer, ep, d, top, level, size);
    ep = search.greedyNode;
    d = search.greedyDistance;
    for (int lc = Math.min(level, top); lc >= 0; lc--) {
      search.beam(graph, scorer, ep, d, lc, beamWidth, null, Integer.MAX_VALUE, size, true, beamStop);
      int n = drainAscending(search.results, node);
      int kept = selector.select(candIds, candDist, n, graph.m, graph.m, between, chosen);
      synchronized (graph.lock(node)) {
        graph.setNeighbors(node, lc, chosen, kept);
      }
      for (int i = 0; i < kept; i++) {
        addReverseLink(chosen[i], node, lc, again);
      }
      if (n > 0) {
        ep = candIds[0];
        d = candDist[0];
      }
    }
  }

  /**
   * The beam's results without {@code node} itself: a reused slot or a replaced vector can still
   * be reached through links made for its old vector, and must not become its own neighbour.
   */
  private int drainAscending(NodeQueue q, int node) {
    int n = q.size();
    if (candIds.length < n) {
      candIds = new int[n];
      candDist = new float[n];
    }
    q.drainAscending(candIds, candDist);
    int kept = 0;
    for (int i = 0; i < n; i++) {
      if (candIds[i] != node) {
        candIds[kept] = candIds[i];
        candDist[kept++] = candDist[i];
      }
    }
    return kept;
  }

  private void addReverseLink(int target, int node, int level, boolean again) {
    int cap = level == 0 ? graph.maxM0 : graph.m;
    synchronized (graph.lock(target)) {
      int n = -1;
      if (again) {
        n = graph.neighbors(target, level, listBuf);
        for (int i = 0; i < n; i++) {
          if (listBuf[i] == node) {
            return;
          }
        }
      }
      if (graph.tryAppend(target, level, node)) {
        return;
      }
      if (n < 0) {
        n = graph.neighbors(target, level, listBuf);
      }
      listBuf[n++] = node;
      for (int i = 0; i < n; i++) {
        overflowIds[i] = listBuf[i];
        overflowDist[i] = view.distanceBetween(target, listBuf[i]);
      }
      sortByDistance(overflowIds, overflowDist, n);
      int kept = selector.select(overflowIds, overflowDist, n, cap, graph.m, between, reselected);
      graph.setNeighbors(target, level, reselected, kept);
    }
  }

  /** Insertion sort: lists hold at most 2M + 1 entries. Ties go to the lower id. */
  static void sortByDistance(int[] ids, float[] dist, int n) {
    for (int i = 1; i < n; i++) {
      int id = ids[i];
      float d = dist[i];
      int j = i - 1;
      while (j >= 0 && (dist[j] > d || (dist[j] == d && ids[j] > id))) {
        ids[j + 1] = ids[j];
        dist[j + 1] = dist[j];
        j--;
      }
      ids[j + 1] = id;
      dist[j + 1] = d;
    }
  }

  long computations() {
    return search.computations;
  }

}
