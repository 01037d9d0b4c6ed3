package org.annlib.hnsw;

/**
 * How the level-0 search is seeded. Every strategy starts from HNSW's greedy descent through the
 * upper levels; a strategy may add extra seeds, chosen once per index from its graph at the end of
 * a build and again on load (nothing extra is stored), so a loaded index seeds queries the same
 * way. Which of them a query uses must depend only on the index and the query. Role {@code entry}.
 */
public interface EntryPoints extends HnswStrategy {
  String ROLE = "entry";

  @Override
  default String role() {
    return ROLE;
  }

  /** The index's candidate extra seeds; empty for none. */
  int[] choose(HnswGraph graph, int size, NodeDistance distance);

  /** How many extra seeds a query searched with beam width {@code ef} starts from. */
  int count(int ef);

  /** Distance between two stored nodes under the index's metric. */
  @FunctionalInterface
  interface NodeDistance {
    float between(int a, int b);
  }

  /** HNSW's (and GLASS's) seeding: the node the descent ends at, alone. */
  EntryPoints DESCENT = new EntryPoints() {
    @Override
    public String name() {
      return "descent";
    }

    @Override
    public int[] choose(HnswGraph graph, int size, NodeDistance distance) {
      return new int[0];
    }

    @Override
    public int count(int ef) {
      return 0;
    }
  };
}
