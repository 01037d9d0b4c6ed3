package org.annlib.hnsw;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import org.annlib.io.IndexFiles;
import org.annlib.IndexFormatException;
import org.annlib.io.IndexInput;
import org.annlib.util.DeletedSet;
import org.annlib.util.IdMap;
import org.annlib.io.IndexOutput;
import org.annlib.vectors.OffHeapVectorValues;
import org.annlib.vectors.PagedVectorValues;
import org.annlib.vectors.VectorValues;

/**
 * The single-file HNSW format, version 4 (docs/file-formats.md). Little-endian throughout:
 *
 * <pre>
 * header   magic "ANNLHNSW", int version, int metric, int dimension, int size, int M,
 *          int efConstruction, int ef, long seed, double levelMultiplier, long entry,
 *          long offsets of: vectors, level 0, levels, upper levels, deleted, footer, codes, sums, ids,
 *          calibration;
 *          int code bits (0: none), float code min, float code step;
 *          int strategy count, then per strategy int length + UTF-8 "role=name"
 * vectors  size x dimension float32, at a 64-byte aligned offset (memory-mappable)
 * level 0  size x (1 + 2M) int32: count, then ids
 * levels   size bytes
 * upper    for each node with level L > 0: L x (1 + M) int32
 * deleted  ceil(size / 64) int64 words
 * codes    size x codeBytes first-pass codes (64-byte aligned; empty without codes)
 * sums     size int32 code sums, inner-product metrics only (64-byte aligned)
 * ids      long 0 (every id its ordinal) or 1 then size int64 application ids (64-byte aligned)
 * calib.   int table count (0: not calibrated), then int size, int queries, and per table int k,
 *          int points, points x int ef, then points x float of each: mean recall, standard error,
 *          10th-percentile recall, distances per query
 * footer   long footer offset, int CRC32C of every byte before the footer, magic "ANNLEND!"
 * </pre>
 *
 * Loading checks the magic, version, footer, checksum and every offset, count and id before
 * using them, so a damaged file fails with a message naming the problem rather than an index
 * that is silently wrong. Older files still load: version 3 (no calibration section) uncalibrated,
 * version 2 (no ids section) with every id its ordinal, version 1 (no code offsets, grid or
 * sections either) with its codes encoded again from the vectors, as version 1 always did.
 */
final class HnswFormat {

  private HnswFormat() {}

  // ---------------------------------------------------------------- writing

  static void write(HnswIndex index, Path file) throws IOException {
    HnswHeader header = HnswHeader.of(index, false);
    IndexFiles.save(file, out -> {
      header.write(out);
      writeSections(index, header, out);
    });
  }

  /** The file without its vectors ("ANNLHNSG"), for a container that stores them itself. */
  static long writeGraph(HnswIndex index, WritableByteChannel ch) throws IOException {
    HnswHeader header = HnswHeader.of(index, true);
    return IndexFiles.write(ch, out -> {
      header.write(out);
      writeSections(index, header, out);
    });
  }

  private static void writeSections(HnswIndex index, HnswHeader header, IndexOutput out) throws IOException {
    HnswHeader.Layout at = header.layout();
    HnswGraph g = index.graph();
    VectorValues vectors = index.vectors();
    int size = index.size();
    int m = index.config().m();
    out.padTo(at.vectors());
    float[] row = new float[index.dimension()];
    for (int i = 0; i < size && !header.externalVectors(); i++) {
      vectors.copyTo(i, row, 0);
      out.putFloats(row);
    }
    out.padTo(at.level0());
    int[] nb = new int[2 * m];
    for (int i = 0; i < size; i++) {
      int n = g.neighbors(i, 0, nb);
      java.util.Arrays.fill(nb, n, 2 * m, 0);
      out.putInt(n).putInts(nb);
    }
    for (int i = 0; i < size; i++) {
      out.putByte((byte) g.level(i));
    }
    for (int i = 0; i < size; i++) {
      for (int l = 1; l <= g.level(i); l++) {
        int n = g.neighbors(i, l, nb);
        java.util.Arrays.fill(nb, n, m, 0);
        out.putInt(n).putInts(nb, 0, m);
      }
    }
    out.padTo(at.deleted());
    for (long w : index.deletedSet().words(size)) {
      out.putLong(w);
    }
    out.padTo(at.codes());
    CodeStore codes = index.view().codes();
    if (codes != null) {
      codes.writeTo(out, size, at.sums());
    }
    out.padTo(at.ids());
    index.ids().writeTo(out, size);
    RecallCalibration calibration = index.view().calibration();
    if (calibration == null) {
      RecallCalibration.writeNone(out);
    } else {
      calibration.writeTo(out);
    }
    if (out.position() != at.footer()) {
      throw new IllegalStateException("HNSW writer bug: wrote " + out.position() + " bytes, planned " + at.footer());
    }
  }

  // ---------------------------------------------------------------- reading

  static HnswIndex read(Path file, boolean mapped) throws IOException {
    return IndexFiles.open(file, mapped, (seg, length, arena) -> {
      long footer = IndexFiles.verify(file, seg, length, "ANNLHNSW", "HNSW", HnswHeader.OLDEST_VERSION,
          HnswHeader.VERSION, 128 + IndexFiles.FOOTER, HnswFormatException::new);
      HnswHeader header = HnswHeader.read(file, seg, footer, false);
      HnswFileGraph graph = HnswFileGraph.read(file, seg, header);
      IdMap ids = readIds(file, seg, header, footer, mapped, graph.deleted());
      HnswIndex index =
          mapped ? assembleMapped(seg, header, graph, ids, arena) : assembleOnHeap(seg, header, graph, ids);
      index.prepareSearch(storedCodes(seg, header, mapped));
      index.setCalibration(readCalibration(file, seg, header, footer));
      return index;
    });
  }

  /**
   * A graph file written by {@link #writeGraph}, in {@code seg} (which the caller keeps alive while
   * the index is used), searching {@code vectors}: nothing is copied but the upper levels, the
   * deleted set and the ids.
   */
  static HnswIndex openGraph(String name, MemorySegment seg, VectorValues vectors) throws IOException {
    Path file = Path.of(name);
    long footer = IndexFiles.verify(file, seg, seg.byteSize(), "ANNLHNSG", "HNSW graph", 4, HnswHeader.VERSION,
        128 + IndexFiles.FOOTER, HnswFormatException::new);
    HnswHeader h = HnswHeader.read(file, seg, footer, true);
    check(file, vectors.size() == h.size() && vectors.dimension() == h.dimension(), "is a graph of " + h.size()
        + " vectors of dimension " + h.dimension() + ", given " + vectors.size() + " of dimension " + vectors.dimension());
    HnswFileGraph graph = HnswFileGraph.read(file, seg, h);
    IdMap ids = readIds(file, seg, h, footer, true, graph.deleted());
    MemorySegment level0 = seg.asSlice(h.layout().level0(), 4L * (1 + 2L * h.config().m()) * h.size());
    MappedHnswGraph g = new MappedHnswGraph(level0, h.config().m(), graph.upper(), h.entry());
    HnswIndex index = new HnswIndex(h.metric(), h.config(), h.strategies(), vectors, g, graph.deleted(), ids, null);
    index.prepareSearch(storedCodes(seg, h, true));
    index.setCalibration(readCalibration(file, seg, h, footer));
    return index;
  }

  /** Vectors and level 0 stay in the mapped file. */
  private static HnswIndex assembleMapped(MemorySegment seg, HnswHeader h, HnswFileGraph file, IdMap ids,
      Arena arena) {
    int size = h.size();
    MemorySegment level0 = seg.asSlice(h.layout().level0(), 4L * (1 + 2L * h.config().m()) * size);
    OffHeapVectorValues vectors =
        OffHeapVectorValues.of(seg.asSlice(h.layout().vectors(), 4L * h.dimension() * size), size, h.dimension());
    MappedHnswGraph graph = new MappedHnswGraph(level0, h.config().m(), file.upper(), h.entry());
    return new HnswIndex(h.metric(), h.config(), h.strategies(), vectors, graph, file.deleted(), ids, arena);
  }

  /** Everything copied onto the heap (vectors and level 0 in pages), where the index can grow. */
  private static HnswIndex assembleOnHeap(MemorySegment seg, HnswHeader h, HnswFileGraph file, IdMap ids) {
    int size = h.size();
    PagedVectorValues vectors = PagedVectorValues.read(seg, h.layout().vectors(), size, h.dimension());
    OnHeapHnswGraph graph = OnHeapHnswGraph.read(h.config().m(), Math.max(16, size), seg, h.layout().level0(), size,
        file.upper(), h.entry());
    return new HnswIndex(h.metric(), h.config(), h.strategies(), vectors, graph, file.deleted(), ids, null);
  }

  /** The application ids (in place when mapped); before version 3 every id is its ordinal. */
  private static IdMap readIds(Path file, MemorySegment seg, HnswHeader h, long footer, boolean mapped,
      DeletedSet deleted) throws IndexFormatException {
    if (h.version() < 3) {
      return IdMap.identity(h.size());
    }
    IndexInput in = new IndexInput(file, seg, h.layout().ids(), footer, HnswFormatException::new);
    IdMap ids = IdMap.read(in, h.size(), mapped, deleted::contains);
    long end = h.layout().calibration();
    check(file, in.position() == end, "has " + (end - in.position()) + " unexpected bytes after its ids");
    return ids;
  }

  /** The recall calibration (null when the file has none, or is older than version 4). */
  private static RecallCalibration readCalibration(Path file, MemorySegment seg, HnswHeader h, long footer)
      throws IndexFormatException {
    if (h.version() < 4) {
      return null;
    }
    IndexInput in = new IndexInput(file, seg, h.layout().calibration(), footer, HnswFormatException::new);
    RecallCalibration c = RecallCalibration.read(in);
    check(file, in.position() == footer, "has " + (footer - in.position()) + " unexpected bytes after its calibration");
    return c;
  }

  /** The file's codes, in place when mapped; null when it has none (float32, or version 1: encoded again). */
  private static CodeStore storedCodes(MemorySegment seg, HnswHeader h, boolean mapped) {
    if (h.quantizer() == null) {
      return null;
    }
    HnswHeader.Layout at = h.layout();
    MemorySegment codes = seg.asSlice(at.codes(), (long) h.quantizer().codeBytes(h.dimension()) * h.size());
    MemorySegment sums = seg.asSlice(at.sums(), CodeStore.sumBytes(h.metric(), h.size()));
    return CodeStore.of(h.metric(), h.quantizer(), h.dimension(), h.size(), codes, sums, mapped);
  }

  static void check(Path file, boolean ok, String what) throws HnswFormatException {
    if (!ok) {
      throw new HnswFormatException(file + (what.startsWith("is ") ? " " : ": ") + what);
    }
  }
}
