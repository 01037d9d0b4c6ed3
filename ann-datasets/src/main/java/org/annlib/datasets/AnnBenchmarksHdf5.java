package org.annlib.datasets;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.annlib.Metric;
import org.annlib.vectors.FlatVectorValues;

/**
 * Reads the ann-benchmarks HDF5 layout with jhdf: datasets {@code train} and {@code test} (n x d,
 * float32, or any integer or float type, widened to float32), {@code neighbors} (q x k int) and
 * {@code distances} (q x k float), attribute {@code distance}. Contiguous and chunked,
 * deflate/shuffle-compressed layouts both read. A file without {@code neighbors} yields a dataset
 * whose ground truth is empty (see {@link GroundTruthCache}); one without {@code distances} gets
 * them recomputed exactly from the vectors.
 */
public final class AnnBenchmarksHdf5 {
  private AnnBenchmarksHdf5() {}

  /** The raw content of a file, before ground truth is completed. */
  public record Content(
      Metric metric, FlatVectorValues train, FlatVectorValues test, int[][] neighbors, float[][] distances) {}

  public static Content read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new java.nio.file.NoSuchFileException(file.toString());
    }
    checkSignature(file);
    try (HdfFile hdf = new HdfFile(file)) {
      return read(hdf, file.toString());
    } catch (RuntimeException e) {
      throw unreadable(file.toString(), e);
    }
  }

  /** Reads from a stream (for example a class-path resource); {@code name} is used in messages. */
  public static Content read(InputStream in, String name) throws IOException {
    try (HdfFile hdf = HdfFile.fromInputStream(in)) {
      return read(hdf, name);
    } catch (RuntimeException e) {
      throw unreadable(name, e);
    }
  }

  /**
   * A damaged file makes jhdf fail in many ways besides its HdfException (buffer underflows,
   * negative sizes, bad indexes deep in its B-tree code): every one means the same to a caller.
   */
  private static DatasetFormatException unreadable(String name, Exception e) {
    if (e instanceof DatasetFormatException f) {
      return f;
    }
    return new DatasetFormatException(name + " could not be read as HDF5: " + e, e);
  }

  private static void checkSignature(Path file) throws IOException {
    byte[] sig = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(8);
      if (!java.util.Arrays.equals(sig, head)) {
        throw new DatasetFormatException(file + " is not an HDF5 file (no HDF5 signature at offset 0)");
      }
    }
  }

  private static Content read(HdfFile hdf, String name) throws DatasetFormatException {
    Metric metric = metric(hdf, name);
    FlatVectorValues train = vectors(dataset(hdf, name, "train"), name, "train");
    FlatVectorValues test = vectors(dataset(hdf, name, "test"), name, "test");
    if (train.dimension() != test.dimension()) {
      throw new DatasetFormatException(
          name + ": train has dimension " + train.dimension() + ", test has " + test.dimension());
    }
    int[][] neighbors = null;
    float[][] distances = null;
    if (hdf.getChild("neighbors") != null) {
      neighbors = intRows(dataset(hdf, name, "neighbors"), name, "neighbors", test.size());
      for (int q = 0; q < neighbors.length; q++) {
        for (int id : neighbors[q]) {
          if (id < 0 || id >= train.size()) {
            throw new DatasetFormatException(
                name + ": neighbors of query " + q + " name id " + id + ", outside train [0, " + train.size() + ")");
          }
        }
      }
      if (hdf.getChild("distances") != null) {
        distances = floatRows(dataset(hdf, name, "distances"), name, "distances", test.size());
        if (distances[0].length != neighbors[0].length) {
          throw new DatasetFormatException(name + ": neighbors has " + neighbors[0].length
              + " columns, distances has " + distances[0].length);
        }
      }
    }
    return new Content(metric, train, test, neighbors, distances);
  }

  private static Metric metric(HdfFile hdf, String name) throws DatasetFormatException {
    Attribute a = hdf.getAttribute("distance");
    if (a == null) {
      throw new DatasetFormatException(name + " has no 'distance' attribute; not an ann-benchmarks file");
    }
    Object v = a.getData();
    String s = v instanceof String str ? str : v instanceof String[] arr && arr.length == 1 ? arr[0] : String.valueOf(v);
    try {
      return Metric.fromName(s);
    } catch (IllegalArgumentException e) {
      throw new DatasetFormatException(name + ": distance '" + s + "' is not supported; " + e.getMessage());
    }
  }

  private static Dataset dataset(HdfFile hdf, String name, String key) throws DatasetFormatException {
    Node n = hdf.getChild(key);
    if (n == null) {
      throw new DatasetFormatException(
          name + " has no '" + key + "' dataset; an ann-benchmarks file has train, test, neighbors, distances");
    }
    if (!(n instanceof Dataset d)) {
      throw new DatasetFormatException(name + ": '" + key + "' is a " + n.getType() + ", not a dataset");
    }
    int[] dims = d.getDimensions();
    if (dims.length != 2 || dims[1] <= 0) {
      throw new DatasetFormatException(
          name + ": '" + key + "' has shape " + java.util.Arrays.toString(dims) + ", expected rows x columns");
    }
    return d;
  }

  private static FlatVectorValues vectors(Dataset d, String name, String key) throws DatasetFormatException {
    int[] dims = d.getDimensions();
    if (dims[0] == 0) {
      throw new DatasetFormatException(
          name + ": '" + key + "' has 0 rows; a benchmark needs base vectors and at least one query");
    }
    long total = (long) dims[0] * dims[1];
    if (total > Integer.MAX_VALUE - 16) {
      throw new DatasetFormatException(name + ": '" + key + "' holds " + total
          + " components, more than one Java array; read it in slabs into off-heap storage");
    }
    float[] flat = toFloats(d.getDataFlat(), name, key);
    for (int i = 0; i < flat.length; i++) {
      if (!Float.isFinite(flat[i])) {
        throw new DatasetFormatException(name + ": '" + key + "' row " + (i / dims[1]) + " has a non-finite component at index "
            + (i % dims[1]) + ": " + flat[i]);
      }
    }
    return FlatVectorValues.wrap(flat, dims[1]);
  }

  private static float[] toFloats(Object data, String name, String key) throws DatasetFormatException {
    return switch (data) {
      case float[] f -> f;
      case double[] a -> {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        yield f;
      }
      case byte[] a -> {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = a[i];
        yield f;
      }
      case short[] a -> {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = a[i];
        yield f;
      }
      case int[] a -> {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = a[i];
        yield f;
      }
      case long[] a -> {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = a[i];
        yield f;
      }
      default -> throw new DatasetFormatException(
          name + ": '" + key + "' has element type " + data.getClass().getComponentType() + ", expected numbers");
    };
  }

  private static int[][] intRows(Dataset d, String name, String key, int rows) throws DatasetFormatException {
    int[] dims = d.getDimensions();
    checkRows(dims, rows, name, key);
    Object data = d.getDataFlat();
    int[] flat;
    if (data instanceof int[] a) {
      flat = a;
    } else if (data instanceof long[] a) {
      flat = new int[a.length];
      for (int i = 0; i < a.length; i++) {
        if (a[i] != (int) a[i]) {
          throw new DatasetFormatException(name + ": '" + key + "' row " + (i / dims[1]) + " holds " + a[i]
              + " at column " + (i % dims[1]) + ", beyond the int range of vector ids");
        }
        flat[i] = (int) a[i];
      }
    } else {
      throw new DatasetFormatException(name + ": '" + key + "' must hold integers, has " + data.getClass().getComponentType());
    }
    int[][] out = new int[dims[0]][];
    for (int r = 0; r < dims[0]; r++) {
      out[r] = java.util.Arrays.copyOfRange(flat, r * dims[1], (r + 1) * dims[1]);
    }
    return out;
  }

  private static float[][] floatRows(Dataset d, String name, String key, int rows) throws DatasetFormatException {
    int[] dims = d.getDimensions();
    checkRows(dims, rows, name, key);
    float[] flat = toFloats(d.getDataFlat(), name, key);
    float[][] out = new float[dims[0]][];
    for (int r = 0; r < dims[0]; r++) {
      out[r] = java.util.Arrays.copyOfRange(flat, r * dims[1], (r + 1) * dims[1]);
    }
    return out;
  }

  private static void checkRows(int[] dims, int rows, String name, String key) throws DatasetFormatException {
    if (dims[0] != rows) {
      throw new DatasetFormatException(name + ": '" + key + "' has " + dims[0] + " rows, test has " + rows);
    }
  }
}
