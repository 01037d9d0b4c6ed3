package org.annlib.crinn;

import org.annlib.Index;
import org.annlib.IndexBuilder;
import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.hnsw.HnswIndex;
import org.annlib.testkit.BaseIndexTestCase;

/**
 * The Index contract for every preset but "default" (ann-hnsw's own suite): one small class per
 * preset below, all in this file. Filtered queries run the heap beam, as for plain HNSW. Margins,
 * measured at tests.seed=20261123 (M=16, efConstruction=100, ef=100):
 *
 * <ul>
 *   <li>real data (embedded Fashion-MNIST): 0.999 to 1.0 for every preset; margin 0.98, as for
 *       plain HNSW;
 *   <li>presets whose walk ranks by one global 4-bit grid (sq4u: glass and each single CRINN
 *       change on top of it) on the 16- and 24-dimensional synthetic sets: 0.78 to 0.85 per
 *       metric, 0.91 to 0.93 with duplicates, 0.97 filtered. Sixteen levels over 24 dimensions
 *       cannot rank the true top 10 inside a 15-candidate re-rank; that is why "crinn" uses
 *       8-bit codes at 128 dimensions or fewer. Margin 0.70 per metric: a broken graph or code
 *       path falls to a few percent;
 *   <li>float32 or 8-bit at these dimensions (glass-fp32, glass-sq8u, crinn-fixed, crinn,
 *       crinn-all): 0.986 to 0.999 per metric; margin 0.90: only the best 1.9 k (or 1.5 k) of
 *       the code ranking are re-scored exactly, which caps recall@50 on random 16-dimensional
 *       vectors (0.94 to 0.96 measured across concurrent builds for "crinn").
 * </ul>
 */
abstract class PresetContractTest extends BaseIndexTestCase {
  abstract String preset();

  /** Whether the preset's first pass is 4-bit at every dimension. */
  abstract boolean fourBit();

  @Override
  protected IndexBuilder<? extends Index> newBuilder(Metric metric) {
    return HnswIndex.builder(metric).preset(preset()).m(16).efConstruction(100).threads(2);
  }

  @Override
  protected SearchParams recallParams() {
    return SearchParams.builder().ef(100).build();
  }

  @Override
  protected double minRecallOnRealData() {
    return 0.98;
  }

  @Override
  protected double minRecallPerMetric() {
    return fourBit() ? 0.70 : 0.90;
  }

  @Override
  protected double minFilteredRecall() {
    return 0.90;
  }
}

class CrinnContractTest extends PresetContractTest {
  @Override
  String preset() {
    return "crinn";
  }

  @Override
  boolean fourBit() {
    return false;
  }
}

class GlassContractTest extends PresetContractTest {
  @Override
  String preset() {
    return "glass";
  }

  @Override
  boolean fourBit() {
    return true;
  }
}

class GlassFp32ContractTest extends PresetContractTest {
  @Override
  String preset() {
    return "glass-fp32";
  }

  @Override
  boolean fourBit() {
    return false;
  }
}

class GlassSq8uContractTest extends PresetContractTest {
  @Override
  String preset() {
    return "glass-sq8u";
  }

  @Override
  boolean fourBit() {
    return false;
  }
}

class CrinnPruneContractTest extends PresetContractTest {
  @Override
  String preset() {
    return "crinn-prune";
  }

  @Override
  boolean fourBit() {
    return true;
  }
}

class CrinnOrderContractTest extends PresetContractTest {
  @Override
  String preset() {
    return "crinn-order";
  }

  @Override
  boolean fourBit() {
    return true;
  }
}

class CrinnMomentumContractTest extends PresetContractTest {
  @Override
  String preset() {
    return "crinn-momentum";
  }

  @Override
  boolean fourBit() {
    return true;
  }
}

class CrinnStagnationContractTest extends PresetContractTest {
  @Override
  String preset() {
    return "crinn-stagnation";
  }

  @Override
  boolean fourBit() {
    return true;
  }
}

class CrinnRefineContractTest extends PresetContractTest {
  @Override
  String preset() {
    return "crinn-refine";
  }

  @Override
  boolean fourBit() {
    return true;
  }
}

class CrinnBeamContractTest extends PresetContractTest {
  @Override
  String preset() {
    return "crinn-beam";
  }

  @Override
  boolean fourBit() {
    return true;
  }
}

class CrinnSeedsContractTest extends PresetContractTest {
  @Override
  String preset() {
    return "crinn-seeds";
  }

  @Override
  boolean fourBit() {
    return true;
  }
}

class CrinnFixedContractTest extends PresetContractTest {
  @Override
  String preset() {
    return "crinn-fixed";
  }

  @Override
  boolean fourBit() {
    return false;
  }
}

class CrinnAllContractTest extends PresetContractTest {
  @Override
  String preset() {
    return "crinn-all";
  }

  @Override
  boolean fourBit() {
    return false;
  }
}
