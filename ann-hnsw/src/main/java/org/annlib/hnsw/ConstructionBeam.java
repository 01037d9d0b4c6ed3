package org.annlib.hnsw;

/**
 * The beam of the searches that insert a node: its width and an optional early stop (role
 * {@code construction}). The default, {@code fixed}, is hnswlib's: width efConstruction, run to
 * convergence. The candidates the beam ends with are what neighbour selection chooses from.
 */
public interface ConstructionBeam extends HnswStrategy {
  String ROLE = "construction";

  @Override
  default String role() {
    return ROLE;
  }

  /** Beam width for an index built with {@code efConstruction} and {@code m}. */
  int width(int efConstruction, int m);

  /** Per-inserter stop rule, or null to run to convergence. */
  Stop newStop();

  /** Checked after every expansion of a construction search. */
  interface Stop {
    /**
     * @param expansions nodes expanded so far in this search
     * @param improvements computed distances so far that beat the best distance seen before them
     * @param width the beam width
     */
    boolean stop(int expansions, int improvements, int width);
  }

  /** hnswlib's beam. */
  ConstructionBeam FIXED = new ConstructionBeam() {
    @Override
    public String name() {
      return "fixed";
    }

    @Override
    public int width(int efConstruction, int m) {
      return efConstruction;
    }

    @Override
    public Stop newStop() {
      return null;
    }
  };
}
