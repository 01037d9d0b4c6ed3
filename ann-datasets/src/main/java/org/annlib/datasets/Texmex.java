package org.annlib.datasets;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.annlib.vectors.FlatVectorValues;

/**
 * TEXMEX vector files (the SIFT/GIST corpus format): every record is a little-endian int32
 * dimension followed by that many components: float32 ({@code .fvecs}), int32 ({@code .ivecs})
 * or uint8 ({@code .bvecs}, widened to float here). Every record must have the same dimension.
 */
public final class Texmex {
  private Texmex() {}

  /** Reads at most {@code limit} float vectors ({@code Integer.MAX_VALUE} for all). */
  public static FlatVectorValues readFvecs(Path file, int limit) throws IOException {
    return readVectors(file, limit, 4);
  }

  /** Reads at most {@code limit} uint8 vectors, widened to float. */
  public static FlatVectorValues readBvecs(Path file, int limit) throws IOException {
    return readVectors(file, limit, 1);
  }

  /** Reads every int vector (ground-truth ids). */
  public static int[][] readIvecs(Path file) throws IOException {
    long size = Files.size(file);
    try (DataInputStream in = open(file)) {
      java.util.List<int[]> rows = new java.util.ArrayList<>();
      int dim = -1;
      long pos = 0;
      while (pos < size) {
        int d = readDim(in, file, rows.size(), dim, size - pos);
        dim = d;
        ByteBuffer b = readRecord(in, file, rows.size(), 4L * d);
        int[] row = new int[d];
        b.asIntBuffer().get(row);
        rows.add(row);
        pos += 4 + 4L * d;
      }
      return rows.toArray(new int[0][]);
    }
  }

  private static FlatVectorValues readVectors(Path file, int limit, int componentBytes) throws IOException {
    long size = Files.size(file);
    try (DataInputStream in = open(file)) {
      if (size == 0) {
        throw new DatasetFormatException(file + " is empty");
      }
      int dim = readDim(in, file, 0, -1, size);
      long recordBytes = 4 + (long) componentBytes * dim;
      if (size % recordBytes != 0) {
        throw new DatasetFormatException(
            file + " is truncated or not a " + (componentBytes == 4 ? "fvecs" : "bvecs") + " file: "
                + size + " bytes is not a whole number of " + recordBytes + "-byte records of dimension " + dim);
      }
      long records = size / recordBytes;
      int n = (int) Math.min(limit, records);
      FlatVectorValues out = new FlatVectorValues(dim, n);
      float[] row = new float[dim];
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          readDim(in, file, i, dim, size - i * recordBytes);
        }
        ByteBuffer b = readRecord(in, file, i, (long) componentBytes * dim);
        if (componentBytes == 4) {
          b.asFloatBuffer().get(row);
        } else {
          for (int j = 0; j < dim; j++) {
            row[j] = b.get(j) & 0xFF;
          }
        }
        out.add(row);
      }
      return out;
    }
  }

  private static DataInputStream open(Path file) throws IOException {
    return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
  }

  private static int readDim(DataInputStream in, Path file, int record, int expected, long remaining)
      throws IOException {
    if (remaining < 4) {
      throw new DatasetFormatException(file + " is truncated inside the header of record " + record);
    }
    int d = Integer.reverseBytes(in.readInt());
    if (d <= 0 || d > 1 << 20) {
      throw new DatasetFormatException(file + ": record " + record + " declares dimension " + d
          + "; not a TEXMEX vector file, or corrupted");
    }
    if (expected > 0 && d != expected) {
      throw new DatasetFormatException(
          file + ": record " + record + " has dimension " + d + ", earlier records have " + expected);
    }
    return d;
  }

  private static ByteBuffer readRecord(DataInputStream in, Path file, int record, long bytes) throws IOException {
    byte[] b = new byte[(int) bytes];
    try {
      in.readFully(b);
    } catch (EOFException e) {
      throw new DatasetFormatException(file + " is truncated inside record " + record, e);
    }
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Writes float rows as fvecs. */
  public static void writeFvecs(Path file, float[][] rows) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (float[] row : rows) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * row.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(row.length);
        b.asFloatBuffer().put(row);
        out.write(b.array());
      }
    }
  }

  /** Writes int rows as ivecs. */
  public static void writeIvecs(Path file, int[][] rows) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (int[] row : rows) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * row.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(row.length);
        b.asIntBuffer().put(row);
        out.write(b.array());
      }
    }
  }
}
