package org.annlib.hnsw;

import java.util.List;

/** The strategies ann-hnsw ships: plain HNSW's defaults and GLASS's pool loop. */
public final class CoreStrategies implements HnswStrategyProvider {
  /** Leaves level-0 lists in the order the build left them (hnswlib's). */
  public static final ListOrder AS_BUILT = new ListOrder() {
    @Override
    public String name() {
      return "as-built";
    }

    @Override
    public boolean reorders() {
      return false;
    }

    @Override
    public void order(int[] ids, float[] distances, int n) {}
  };

  /** GLASS's sorted-pool loop run to convergence. */
  public static final BaseLayerSearch POOL = new LinearPoolSearch("pool", () -> PoolTermination.EXHAUST);

  @Override
  public List<HnswStrategy> strategies() {
    return List.of(new HeuristicNeighborSelector(false), new HeuristicNeighborSelector(true), AS_BUILT,
        BaseLayerSearch.BEAM, POOL);
  }
}
