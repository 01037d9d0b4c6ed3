package org.annlib.datasets;

import java.util.SplittableRandom;

/**
 * The generator behind {@code synthetic-<n>-<dim>-<metric>} datasets, version 1 (docs/datasets.md).
 * A Gaussian mixture with real data's two properties that matter to a graph index: clusters, and a
 * low intrinsic dimension inside each cluster.
 *
 * <ul>
 *   <li>{@value #CENTRES} centres {@code mu_c ~ N(0, sigma_c^2 I)}, with {@code sigma_c} chosen so
 *       that the mean squared distance between two centres is {@value #CENTRE_RATIO} of that
 *       between two points of one cluster: the clusters overlap.
 *   <li>A point picks a centre uniformly and adds {@code s_j g_j} on coordinate {@code j}, {@code
 *       g_j ~ N(0, 1)}, {@code s_j = 1 / sqrt(1 + j)}: a 1/j variance spectrum, so about 18 of 128
 *       directions carry most of the spread (SIFT and GloVe have intrinsic dimensions of the
 *       same order).
 *   <li>Three fixed Householder reflections mix the coordinates, so the spectrum is not aligned
 *       with the axes (a per-dimension quantizer gets no free help).
 * </ul>
 *
 * Row {@code i} of a stream depends only on (dimension, stream, i): it has its own {@link
 * SplittableRandom} seeded from them, so rows can be generated in any order on any number of
 * threads, and {@code synthetic-250000-128-*} is a prefix of {@code synthetic-1000000-128-*}.
 * Gaussians come from Box-Muller on {@code nextDouble} (whose sequence {@code SplittableRandom}
 * specifies) with {@code StrictMath}, so files are identical across JDKs and CPUs.
 */
final class SyntheticMixture {
  static final int CENTRES = 1024;
  static final double CENTRE_RATIO = 0.75;
  static final long BASE = 2;
  static final long QUERIES = 3;
  private static final long SEED = 0x5EED_A117_0001L;
  private static final long CENTRE_STREAM = 1;
  private static final long REFLECTION_STREAM = 4;
  private static final int REFLECTIONS = 3;

  private final int dim;
  private final float[] centres;
  private final float[] scale;
  private final float[][] reflections;

  SyntheticMixture(int dim) {
    this.dim = dim;
    this.scale = new float[dim];
    double spread = 0;
    for (int j = 0; j < dim; j++) {
      scale[j] = (float) (1 / Math.sqrt(1 + j));
      spread += (double) scale[j] * scale[j];
    }
    // E|mu_a - mu_b|^2 = 2 sigma_c^2 dim; E|x - y|^2 within a cluster = 2 spread; ratio 3/4:
    // overlapping clusters. Tuned so that hnswlib (M=16, efConstruction=200) needs about ef 32 for
    // recall@10 0.98 at 100,000 points, close to SIFT; well separated clusters make search easy.
    double sigmaC = Math.sqrt(CENTRE_RATIO * spread / dim);
    this.centres = new float[CENTRES * dim];
    for (int c = 0; c < CENTRES; c++) {
      Gaussians g = new Gaussians(rng(CENTRE_STREAM, c));
      for (int j = 0; j < dim; j++) {
        centres[c * dim + j] = (float) (sigmaC * g.next());
      }
    }
    this.reflections = new float[REFLECTIONS][dim];
    for (int k = 0; k < REFLECTIONS; k++) {
      Gaussians g = new Gaussians(rng(REFLECTION_STREAM, k));
      double norm = 0;
      for (int j = 0; j < dim; j++) {
        double v = g.next();
        reflections[k][j] = (float) v;
        norm += v * v;
      }
      float inv = (float) (1 / Math.sqrt(norm));
      for (int j = 0; j < dim; j++) {
        reflections[k][j] *= inv;
      }
    }
  }

  /** Writes row {@code i} of {@code stream} ({@link #BASE} or {@link #QUERIES}) into {@code out}. */
  void row(long stream, long i, float[] out) {
    SplittableRandom r = rng(stream, i);
    int c = r.nextInt(CENTRES);
    Gaussians g = new Gaussians(r);
    int at = c * dim;
    for (int j = 0; j < dim; j++) {
      out[j] = (float) (centres[at + j] + scale[j] * g.next());
    }
    for (float[] u : reflections) {
      double dot = 0;
      for (int j = 0; j < dim; j++) {
        dot += (double) u[j] * out[j];
      }
      float twice = (float) (2 * dot);
      for (int j = 0; j < dim; j++) {
        out[j] -= twice * u[j];
      }
    }
  }

  private SplittableRandom rng(long stream, long i) {
    long h = SEED;
    h = mix(h ^ dim);
    h = mix(h ^ stream);
    h = mix(h ^ i);
    return new SplittableRandom(h);
  }

  /** MurmurHash3's 64-bit finaliser: nearby (dimension, stream, row) triples get unrelated seeds. */
  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  /** Box-Muller pairs from a uniform source. */
  private static final class Gaussians {
    private final SplittableRandom r;
    private double spare;
    private boolean hasSpare;

    Gaussians(SplittableRandom r) {
      this.r = r;
    }

    double next() {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      double u1 = 1 - r.nextDouble(); // (0, 1]: log stays finite
      double u2 = r.nextDouble();
      double radius = StrictMath.sqrt(-2 * StrictMath.log(u1));
      spare = radius * StrictMath.sin(2 * Math.PI * u2);
      hasSpare = true;
      return radius * StrictMath.cos(2 * Math.PI * u2);
    }
  }
}
