package org.annlib.hnsw;

import java.util.List;

/**
 * The strategies ann-hnsw ships: plain HNSW's defaults, and GLASS's pool loop, uniform first-pass
 * codes and fixed re-rank depth.
 */
public final class CoreStrategies implements HnswStrategyProvider {
  public CoreStrategies() {}

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

  /** The walk scores float32 vectors. */
  public static final FirstPass FP32 = FirstPass.of("fp32", 0);

  /** GLASS's re-rank depth, floor(1.5 k). */
  public static final Refine REFINE_GLASS = Refine.fixed("fixed-1.5", 1.5);

  @Override
  public List<HnswStrategy> strategies() {
    return List.of(new HeuristicNeighborSelector(false), new HeuristicNeighborSelector(true), AS_BUILT,
        BaseLayerSearch.BEAM, POOL, FP32, FirstPass.of("sq8u", 8), FirstPass.of("sq4u", 4),
        FirstPass.byDimension("sq-auto", 128), REFINE_GLASS, ConstructionBeam.FIXED,
        EntryPoints.DESCENT);
  }
}
