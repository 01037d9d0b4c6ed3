package org.annlib.ivf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.annlib.Metric;
import org.annlib.io.IndexFiles;
import org.annlib.io.IndexInput;
import org.annlib.io.IndexOutput;
import org.annlib.quant.ScalarQuantizer;
import org.annlib.util.Blocks;
import org.annlib.util.DeletedSet;
import org.annlib.util.IdMap;
import org.annlib.vectors.OffHeapVectorValues;
import org.annlib.vectors.PagedVectorValues;
import org.annlib.vectors.VectorValues;

/**
 * The single-file IVF format, version 3 (docs/file-formats.md), in the envelope every annlib
 * index shares ({@link IndexFiles}: magic, version, CRC32C footer, atomic save). Little-endian;
 * the two bulk sections, the list vectors and the SQ8 codes, start 64-byte aligned (zero
 * padding) so that they can be memory-mapped:
 *
 * <pre>
 * header     magic "ANNLIVF ", int version, int metric, int dimension, int size, int nlist,
 *            int default nprobe, int rerank, string encoding ("float32" | "sq8"), string router
 * report     string kept, string query source, int train, int validation, int label depth,
 *            int epochs, int best epoch, int selection probes, double centroid recall,
 *            double learned recall, double training seconds
 * calibration int present (0/1); if 1: double temperature, int label depth, int grid size g,
 *            g floats masses, g floats recalls, g floats mean probes
 * centroids  nlist x dimension float32
 * router     nlist x dimension float32 weights, nlist float32 bias
 * lists      (nlist + 1) int32 offsets, padding to 8, ceil(size / 64) int64 deleted-row words,
 *            long 1 then size int64 application ids (row order), padding, size x dimension float32 rows
 * sq8        if encoding is sq8: dimension float32 minimums, dimension float32 steps,
 *            padding, size x dimension uint8 codes, size float32 decoded squared norms
 * footer     long data length, int CRC32C, "ANNLEND!"
 * </pre>
 *
 * Rows are written in partition order, each partition's added vectors after its list, so a
 * loaded index has them in its lists. Version 2 has {@code size} int32 ids (the build ordinals)
 * in place of the deleted words and ids; version 1 is version 2 without the padding. Both still
 * load and map, every id the ordinal it had.
 */
final class IvfFormat {
  static final int VERSION = 3;
  static final int OLDEST_VERSION = 1;
  private static final int ALIGN = 64;
  private static final String MAGIC = "ANNLIVF ";

  private IvfFormat() {}

  static void write(IvfIndex index, Path file) throws IOException {
    IndexFiles.save(file, out -> writeBody(index, out));
  }

  private static void writeBody(IvfIndex index, IndexOutput out) throws IOException {
    IvfLists lists = index.lists();
    IvfTail tail = index.tail();
    int size = index.size();
    int parts = index.partitions();
    // file row i holds index row order[i]: each partition's list, then the vectors added to it
    int[] order = new int[size];
    int[] offsets = new int[parts + 1];
    int at = 0;
    for (int p = 0; p < parts; p++) {
      for (int r = lists.offsets()[p]; r < lists.offsets()[p + 1]; r++) {
        order[at++] = r;
      }
      for (int t = 0; t < tail.count(p); t++) {
        order[at++] = tail.base() + tail.ordinals(p)[t];
      }
      offsets[p + 1] = at;
    }
    out.putBytes(MAGIC.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(VERSION);
    out.putInt(index.metric().ordinal()).putInt(index.dimension()).putInt(index.size()).putInt(index.partitions())
        .putInt(index.defaultNprobe()).putInt(index.rerank()).putString(index.encoding())
        .putString(index.router().name());
    RoutingReport rep = index.routingReport();
    out.putString(rep.kept()).putString(rep.querySource()).putInt(rep.trainQueries()).putInt(rep.validationQueries())
        .putInt(rep.labelDepth()).putInt(rep.epochs()).putInt(rep.bestEpoch()).putInt(rep.selectionProbes())
        .putDouble(rep.centroidRecall()).putDouble(rep.learnedRecall()).putDouble(rep.trainingSeconds());
    ProbeCalibration c = index.calibration();
    out.putInt(c == null ? 0 : 1);
    if (c != null) {
      out.putDouble(c.temperature()).putInt(c.labelDepth()).putInt(c.masses().length).putFloats(c.masses())
          .putFloats(c.recalls()).putFloats(c.meanProbes());
    }
    out.putFloats(index.centroids()).putFloats(index.router().weights()).putFloats(index.router().bias());
    out.putInts(offsets);
    DeletedSet inFileOrder = new DeletedSet(size);
    for (int i = 0; i < size; i++) {
      if (index.deletedSet().contains(order[i])) {
        inFileOrder.add(i);
      }
    }
    inFileOrder.writeTo(out, size);
    index.ids().writeTo(out, size, i -> order[i]);
    out.align(ALIGN);
    for (int i = 0; i < size; i++) {
      out.putFloats(index.rowVector(order[i]));
    }
    ScalarQuantizer q = lists.quantizer();
    if (q != null) {
      int dim = index.dimension();
      out.putFloats(q.mins()).putFloats(q.steps()).align(ALIGN);
      byte[] code = new byte[dim];
      float[] norms = new float[size];
      for (int i = 0; i < size; i++) {
        int r = order[i];
        if (r < tail.base()) {
          MemorySegment.copy(lists.codes(), java.lang.foreign.ValueLayout.JAVA_BYTE, (long) r * dim, code, 0, dim);
          norms[i] = lists.codeNorms()[r];
        } else {
          q.encode(index.rowVector(r), 0, code, 0);
          norms[i] = q.decodedSquareNorm(code, 0);
        }
        out.putBytes(code);
      }
      out.putFloats(norms);
    }
  }

  static IvfIndex read(Path file) throws IOException {
    return open(file, false);
  }

  static IvfIndex map(Path file) throws IOException {
    return open(file, true);
  }

  /** Mapped: lists and codes stay in the file, whose arena the index then owns; otherwise copied. */
  private static IvfIndex open(Path file, boolean mapped) throws IOException {
    return IndexFiles.open(file, mapped, (seg, length, arena) -> {
      long data = IndexFiles.verify(file, seg, length, MAGIC, "IVF", OLDEST_VERSION, VERSION, 12 + IndexFiles.FOOTER,
          IvfFormatException::new);
      int version = seg.get(IndexFiles.INT_LE, 8);
      return parse(file, new IndexInput(file, seg, 12, data, IvfFormatException::new), version, arena);
    });
  }

  private static IvfIndex parse(Path file, IndexInput in, int version, Arena mapped) throws IOException {
    int metricOrd = in.getInt("metric");
    int dim = in.getInt("dimension");
    int size = in.getInt("size");
    int nlist = in.getInt("nlist");
    int nprobe = in.getInt("nprobe");
    int rerank = in.getInt("rerank");
    String encoding = in.getString("encoding");
    String routerName = in.getString("router name");
    check(file, metricOrd >= 0 && metricOrd < Metric.values().length && dim > 0 && size >= 0 && nlist > 0
        && nprobe > 0 && rerank > 0, "has an invalid header: metric " + metricOrd + ", dimension " + dim + ", size "
        + size + ", nlist " + nlist + ", nprobe " + nprobe + ", rerank " + rerank);
    check(file, IvfIndexBuilder.FLOAT32.equals(encoding) || IvfIndexBuilder.SQ8.equals(encoding),
        "names an unknown encoding '" + encoding + "'");
    Metric metric = Metric.values()[metricOrd];
    RoutingReport report = new RoutingReport(in.getString("report"), in.getString("report"), in.getInt("report"),
        in.getInt("report"), in.getInt("report"), in.getInt("report"), in.getInt("report"), in.getInt("report"),
        in.getDouble("report"), in.getDouble("report"), in.getDouble("report"));
    ProbeCalibration calibration = null;
    int present = in.getInt("calibration flag");
    check(file, present == 0 || present == 1, "has an invalid calibration flag " + present);
    if (present == 1) {
      double t = in.getDouble("calibration");
      int depth = in.getInt("calibration");
      int g = in.getInt("calibration grid");
      check(file, t > 0 && depth > 0 && g > 0 && g < 1000, "has an invalid probe calibration");
      calibration = new ProbeCalibration(t, depth, in.getFloats(g, "calibration masses"),
          in.getFloats(g, "calibration recalls"), in.getFloats(g, "calibration probes"));
    }
    long cells = (long) nlist * dim;
    float[] centroids = in.getFloats(cells, "centroids");
    float[] weights = in.getFloats(cells, "router weights");
    float[] bias = in.getFloats(nlist, "router bias");
    LinearRouter router;
    try {
      router = LinearRouter.of(routerName, weights, bias, dim);
    } catch (IllegalArgumentException e) {
      throw new IvfFormatException(file + ": " + e.getMessage());
    }
    int[] offsets = in.getInts(nlist + 1L, "list offsets");
    check(file, offsets[0] == 0 && offsets[nlist] == size, "list offsets do not span the " + size + " vectors");
    for (int p = 0; p < nlist; p++) {
      check(file, offsets[p] <= offsets[p + 1], "list " + p + " has a negative size");
    }
    DeletedSet deleted;
    IdMap ids;
    if (version >= 3) {
      deleted = DeletedSet.read(in, size);
      ids = IdMap.read(in, size, mapped != null, deleted::contains);
    } else {
      int[] ordinals = in.getInts(size, "ids");
      boolean[] seen = new boolean[size];
      long[] rowIds = new long[size];
      for (int r = 0; r < size; r++) {
        int id = ordinals[r];
        check(file, id >= 0 && id < size && !seen[id], "is corrupted: id " + id + " is out of range or repeated");
        seen[id] = true;
        rowIds[r] = id;
      }
      deleted = new DeletedSet(size);
      ids = IdMap.ofDistinct(rowIds, deleted::contains);
    }
    if (version >= 2) {
      in.align(ALIGN, "vectors");
    }
    MemorySegment rowBytes = in.slice(4L * size * dim, "vectors");
    VectorValues rows = mapped != null ? OffHeapVectorValues.of(rowBytes, size, dim)
        : PagedVectorValues.read(rowBytes, 0, size, dim);
    ScalarQuantizer quantizer = null;
    MemorySegment codes = null;
    float[] norms = null;
    if (IvfIndexBuilder.SQ8.equals(encoding)) {
      try {
        quantizer = new ScalarQuantizer(in.getFloats(dim, "sq8 minimums"), in.getFloats(dim, "sq8 steps"));
      } catch (IllegalArgumentException e) {
        throw new IvfFormatException(file + " has an invalid SQ8 quantizer: " + e.getMessage());
      }
      if (version >= 2) {
        in.align(ALIGN, "sq8 codes");
      }
      MemorySegment stored = in.slice((long) size * dim, "sq8 codes");
      codes = mapped != null ? stored : Blocks.copyOf(stored);
      norms = in.getFloats(size, "sq8 norms");
    }
    check(file, in.remaining() == 0, "has " + in.remaining() + " unexpected bytes after the last section");
    IvfLists lists = new IvfLists(rows, offsets, quantizer, codes, norms);
    return new IvfIndex(metric, dim, router, centroids, lists, calibration, report, nprobe, rerank, ids, deleted,
        mapped != null, mapped);
  }

  private static void check(Path file, boolean ok, String what) throws IvfFormatException {
    if (!ok) {
      throw new IvfFormatException(file + (what.startsWith("is ") || what.startsWith("has ") || what.startsWith("names ")
          ? " " : ": ") + what);
    }
  }
}
