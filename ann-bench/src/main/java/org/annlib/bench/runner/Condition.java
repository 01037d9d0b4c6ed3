package org.annlib.bench.runner;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.annlib.Bits;
import org.annlib.ProgressListener;
import org.annlib.datasets.Dataset;
import org.annlib.datasets.Datasets;
import org.annlib.exact.GroundTruth;
import org.annlib.exact.Neighbors;
import org.annlib.vectors.FlatVectorValues;
import org.annlib.vectors.VectorValues;

/**
 * What a cell's queries exclude, from {@code --condition}: {@code all} (nothing), {@code
 * deleted-P} (P percent of the base ids deleted from the built index), {@code filter-P} (every
 * query carries a filter rejecting P percent of the ids) or {@code churn-P} (P percent deleted,
 * then the same vectors added again under their ids: slots reused and the graph repaired, with
 * the same ground truth as a fresh build, so the two compare directly). The excluded ids are a fixed
 * pseudo-random choice per dataset size, so every index in a run excludes the same ones, and the
 * cell's recall is against exact search over the ids that remain.
 */
record Condition(String name, Kind kind, double percent) {
  enum Kind { ALL, DELETED, FILTER, CHURN }

  static final Condition ALL = new Condition("all", Kind.ALL, 0);
  private static final long SEED = 0x5EEDC0DEL;

  static Condition parse(String s) {
    if (s.equals("all")) {
      return ALL;
    }
    int dash = s.lastIndexOf('-');
    Kind kind = dash < 0 ? null : switch (s.substring(0, dash)) {
      case "deleted" -> Kind.DELETED;
      case "filter" -> Kind.FILTER;
      case "churn" -> Kind.CHURN;
      default -> null;
    };
    double p = Double.NaN;
    if (kind != null) {
      try {
        p = Double.parseDouble(s.substring(dash + 1));
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    if (kind == null || !(p > 0 && p < 100)) {
      throw new IllegalArgumentException("--condition '" + s + "': expected all, deleted-P, filter-P or churn-P with P a"
          + " percentage strictly between 0 and 100 (deleted-1, filter-10, churn-30)");
    }
    return new Condition(s, kind, p);
  }

  /** Whether the cell changes its index after the build (so it gets a build of its own). */
  boolean deletes() {
    return kind == Kind.DELETED || kind == Kind.CHURN;
  }

  boolean churns() {
    return kind == Kind.CHURN;
  }

  /** The variant label of a cell under this condition: {@code crinn+deleted-1}. */
  String label(String variant) {
    return kind == Kind.ALL ? variant : variant + "+" + name;
  }

  /** The ids this condition excludes among {@code n}: exactly round(n * percent / 100) of them. */
  BitSet excluded(int n) {
    int count = (int) Math.round(n * percent / 100.0);
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
    }
    SplittableRandom random = new SplittableRandom(SEED ^ kind.ordinal());
    BitSet out = new BitSet(n);
    for (int i = 0; i < count; i++) { // partial Fisher-Yates: the first count ids of a shuffle
      int j = i + random.nextInt(n - i);
      int t = ids[i];
      ids[i] = ids[j];
      ids[j] = t;
      out.set(ids[i]);
    }
    return out;
  }

  /** The filter a {@code filter-P} cell's queries carry (cardinality known), else null. */
  Bits filter(int n) {
    if (kind != Kind.FILTER) {
      return null;
    }
    BitSet accepted = excluded(n);
    accepted.flip(0, n);
    return Bits.of(accepted);
  }

  /**
   * {@code d} with ground truth over the ids this condition keeps ({@code d} itself for {@code
   * all} and {@code churn}, which keeps every vector): exact neighbours of the first {@code nq} queries among the kept base vectors.
   */
  Dataset groundTruth(Dataset d, int nq, int k, int threads) {
    if (kind == Kind.ALL || kind == Kind.CHURN) {
      return d;
    }
    VectorValues train = d.train();
    int n = train.size();
    BitSet drop = excluded(n);
    int[] kept = new int[n - drop.cardinality()];
    float[] rows = new float[Math.multiplyExact(kept.length, d.dimension())];
    for (int id = 0, j = 0; id < n; id++) {
      if (!drop.get(id)) {
        kept[j] = id;
        System.arraycopy(train.vector(id), 0, rows, j * d.dimension(), d.dimension());
        j++;
      }
    }
    float[] queryRows = new float[nq * d.dimension()];
    for (int q = 0; q < nq; q++) {
      System.arraycopy(d.test().vector(q), 0, queryRows, q * d.dimension(), d.dimension());
    }
    FlatVectorValues queries = FlatVectorValues.wrap(queryRows, d.dimension());
    Neighbors gt = GroundTruth.compute(FlatVectorValues.wrap(rows, d.dimension()), queries, d.metric(), k, threads,
        ProgressListener.NONE);
    int[][] ids = gt.ids();
    for (int[] row : ids) {
      for (int i = 0; i < row.length; i++) {
        row[i] = kept[row[i]];
      }
    }
    return new Dataset(d.name() + " " + name, d.source(), d.metric(), train, queries, ids,
        Datasets.recomputeDistances(d.metric(), train, queries, ids));
  }
}
