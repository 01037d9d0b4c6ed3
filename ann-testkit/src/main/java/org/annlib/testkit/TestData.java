package org.annlib.testkit;

import java.util.SplittableRandom;
import org.annlib.datasets.Dataset;
import org.annlib.datasets.Datasets;
import org.annlib.vectors.FlatVectorValues;

/**
 * Seeded data for tests. Seeds are fixed by default so that every run is reproducible; {@code
 * -Dtests.seed=N} varies them, and failing assertions print the seed in use.
 */
public final class TestData {
  private static volatile Dataset embedded;

  private TestData() {}

  /** The seed for {@code salt}: {@code tests.seed} (default 20261123) mixed with the salt. */
  public static long seed(long salt) {
    return Long.getLong("tests.seed", 20261123L) * 0x9E3779B97F4A7C15L + salt;
  }

  /** Describes the seed for failure messages. */
  public static String seedInfo() {
    return "tests.seed=" + Long.getLong("tests.seed", 20261123L);
  }

  /** The embedded Fashion-MNIST subset, loaded once per JVM. */
  public static Dataset embedded() {
    Dataset d = embedded;
    if (d == null) {
      synchronized (TestData.class) {
        if (embedded == null) {
          embedded = Datasets.embedded();
        }
        d = embedded;
      }
    }
    return d;
  }

  /**
   * A real benchmark dataset for tests tagged {@code data} ({@code mvn -B verify -Pdata}), found by
   * name the way the runner finds it: {@code $ANN_DATASET_PATH}, then {@code tests.datasetPath}
   * (the build sets it to {@code ../shared/datasets/data} beside the clone), the cache, a download.
   * A dataset that cannot be had fails the test and says where it was looked for.
   */
  public static Dataset dataset(String name) {
    org.annlib.datasets.DatasetResolver r = org.annlib.datasets.DatasetResolver.fromEnvironment()
        .searchingAlso(System.getProperty("tests.datasetPath"));
    try {
      return Datasets.load(r.resolve(name, org.annlib.ProgressListener.NONE), null, r.cacheDir(), 2,
          org.annlib.ProgressListener.NONE);
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new AssertionError("the data suite needs dataset " + name + ": " + e, e);
    }
  }

  /** The first {@code n} rows of {@code v}. */
  public static FlatVectorValues head(org.annlib.vectors.VectorValues v, int n) {
    FlatVectorValues out = new FlatVectorValues(v.dimension(), n);
    for (int i = 0; i < n; i++) {
      out.add(v.vector(i));
    }
    return out;
  }

  /** Standard normal vectors. */
  public static FlatVectorValues gaussian(long seed, int n, int dim) {
    SplittableRandom r = new SplittableRandom(seed);
    FlatVectorValues out = new FlatVectorValues(dim, n);
    float[] row = new float[dim];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < dim; j++) {
        row[j] = (float) r.nextGaussian();
      }
      out.add(row);
    }
    return out;
  }

  /**
   * Vectors around {@code clusters} Gaussian centres with un-normalised norms: structured like
   * real embeddings, and a fair test of inner product on un-normalised data.
   */
  public static FlatVectorValues clustered(long seed, int n, int dim, int clusters) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] centres = new float[clusters][dim];
    for (float[] c : centres) {
      for (int j = 0; j < dim; j++) {
        c[j] = (float) (3 * r.nextGaussian());
      }
    }
    FlatVectorValues out = new FlatVectorValues(dim, n);
    float[] row = new float[dim];
    for (int i = 0; i < n; i++) {
      float[] c = centres[r.nextInt(clusters)];
      double scale = 0.5 + r.nextDouble();
      for (int j = 0; j < dim; j++) {
        row[j] = (float) (scale * (c[j] + r.nextGaussian()));
      }
      out.add(row);
    }
    return out;
  }
}
