package org.annlib.datasets;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.annlib.vectors.VectorValues;

/**
 * Writes a {@link Dataset} in the ann-benchmarks HDF5 layout that {@link AnnBenchmarksHdf5} and
 * ann-benchmarks' own h5py code read: {@code train}, {@code test} (float32 n x d), {@code
 * neighbors} (int32 q x k), {@code distances} (float32 q x k), and the root attributes {@code
 * distance} ("euclidean", "angular" or "dot"), {@code point_type} ("float") and {@code dimension}.
 * jhdf writes from arrays, so the whole set passes through the heap once: about
 * {@code 4 (n + q) d} bytes.
 */
public final class AnnBenchmarksHdf5Writer {
  private AnnBenchmarksHdf5Writer() {}

  /** Writes {@code d} to {@code file} atomically: a partly written file is never left under its name. */
  public static void write(Dataset d, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    GroundTruthCache.writeAtomically(file, tmp -> {
      try (WritableHdfFile hdf = HdfFile.write(tmp)) {
        hdf.putAttribute("distance", d.metric().benchmarkName());
        hdf.putAttribute("point_type", "float");
        hdf.putAttribute("dimension", d.dimension());
        hdf.putDataset("train", rows(d.train()));
        hdf.putDataset("test", rows(d.test()));
        hdf.putDataset("neighbors", d.neighbors());
        hdf.putDataset("distances", d.distances());
      } catch (RuntimeException e) {
        throw new IOException("could not write " + file + " as HDF5: " + e.getMessage(), e);
      }
    });
  }

  private static float[][] rows(VectorValues v) {
    float[][] out = new float[v.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.vector(i);
    }
    return out;
  }
}
