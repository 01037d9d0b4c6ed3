package org.annlib.exact;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.annlib.Metric;
import org.annlib.io.IndexFiles;
import org.annlib.IndexFormatException;
import org.annlib.io.IndexInput;
import org.annlib.io.IndexOutput;
import org.annlib.util.DeletedSet;
import org.annlib.util.IdMap;
import org.annlib.vectors.OffHeapVectorValues;
import org.annlib.vectors.PagedVectorValues;
import org.annlib.vectors.VectorValues;

/**
 * The flat index file, version 1 (docs/file-formats.md), in the shared envelope ({@link
 * IndexFiles}). Little-endian:
 *
 * <pre>
 * header   magic "ANNLFLAT", int version, int metric, int dimension, int size
 * vectors  size x dimension float32, 64-byte aligned (memory-mappable), deleted slots included
 * deleted  ceil(size / 64) int64 words, 8-byte aligned (before the ids: the id map skips them)
 * ids      the id section of {@link IdMap}
 * footer   long data length, int CRC32C, "ANNLEND!"
 * </pre>
 */
final class FlatFormat {
  static final int VERSION = 1;
  private static final String MAGIC = "ANNLFLAT";

  private FlatFormat() {}

  static void write(FlatIndex index, Path file) throws IOException {
    IndexFiles.save(file, out -> writeBody(index, out));
  }

  private static void writeBody(FlatIndex index, IndexOutput out) throws IOException {
    int size = index.size();
    out.putBytes(MAGIC.getBytes(StandardCharsets.US_ASCII)).putInt(VERSION).putInt(index.metric().ordinal())
        .putInt(index.dimension()).putInt(size).align(64);
    VectorValues v = index.vectors();
    float[] row = new float[index.dimension()];
    for (int i = 0; i < size; i++) {
      v.copyTo(i, row, 0);
      out.putFloats(row);
    }
    index.deletedSet().writeTo(out, size);
    index.ids().writeTo(out, size);
  }

  static FlatIndex read(Path file, boolean mapped) throws IOException {
    return IndexFiles.open(file, mapped, (seg, length, arena) -> {
      long data = IndexFiles.verify(file, seg, length, MAGIC, "flat", VERSION, 12 + IndexFiles.FOOTER,
          IndexFormatException::new);
      return parse(new IndexInput(file, seg, 12, data, IndexFormatException::new), arena);
    });
  }

  private static FlatIndex parse(IndexInput in, Arena mapped) throws IOException {
    int metricOrd = in.getInt("metric");
    int dim = in.getInt("dimension");
    int size = in.getInt("size");
    if (metricOrd < 0 || metricOrd >= Metric.values().length || dim <= 0 || size < 0) {
      throw in.error("has an invalid header: metric " + metricOrd + ", dimension " + dim + ", size " + size);
    }
    in.align(64, "vectors");
    MemorySegment rows = in.slice(4L * size * dim, "vectors");
    DeletedSet deleted = DeletedSet.read(in, size);
    IdMap ids = IdMap.read(in, size, mapped != null, deleted::contains);
    if (in.remaining() != 0) {
      throw in.error("has " + in.remaining() + " unexpected bytes after the last section");
    }
    if (mapped != null) {
      return new FlatIndex(Metric.values()[metricOrd], OffHeapVectorValues.of(rows, size, dim), null, ids, deleted,
          mapped);
    }
    PagedVectorValues heap = PagedVectorValues.read(rows, 0, size, dim);
    return new FlatIndex(Metric.values()[metricOrd], heap, heap, ids, deleted, null);
  }
}
