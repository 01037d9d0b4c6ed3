package org.annlib.ivf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.annlib.Metric;
import org.annlib.io.IndexFiles;
import org.annlib.io.IndexInput;
import org.annlib.io.IndexOutput;
import org.annlib.quant.ScalarQuantizer;
import org.annlib.util.Blocks;
import org.annlib.vectors.OffHeapVectorValues;
import org.annlib.vectors.PagedVectorValues;
import org.annlib.vectors.VectorValues;

/**
 * The single-file IVF format, version 2 (docs/file-formats.md), in the envelope every annlib
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
 * lists      (nlist + 1) int32 offsets, size int32 ids, padding, size x dimension float32 rows
 * sq8        if encoding is sq8: dimension float32 minimums, dimension float32 steps,
 *            padding, size x dimension uint8 codes, size float32 decoded squared norms
 * footer     long data length, int CRC32C, "ANNLEND!"
 * </pre>
 *
 * Version 1 is the same without the padding; it still loads and maps.
 */
final class IvfFormat {
  static final int VERSION = 2;
  static final int OLDEST_VERSION = 1;
  private static final int ALIGN = 64;
  private static final String MAGIC = "ANNLIVF ";

  private IvfFormat() {}

  static void write(IvfIndex index, Path file) throws IOException {
    IndexFiles.save(file, out -> writeBody(index, out));
  }

  private static void writeBody(IvfIndex index, IndexOutput out) throws IOException {
    IvfLists lists = index.lists();
    out.putBytes(MAGIC.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(VERSION);
    out.putInt(index.metric().ordinal()).putInt(index.dimension()).putInt(index.size()).putInt(index.partitions())
        .putInt(index.defaultNprobe()).putInt(index.rerank()).putString(index.encoding())
        .putString(index.router().name());
    RoutingReport r = index.routingReport();
    out.putString(r.kept()).putString(r.querySource()).putInt(r.trainQueries()).putInt(r.validationQueries())
        .putInt(r.labelDepth()).putInt(r.epochs()).putInt(r.bestEpoch()).putInt(r.selectionProbes())
        .putDouble(r.centroidRecall()).putDouble(r.learnedRecall()).putDouble(r.trainingSeconds());
    ProbeCalibration c = index.calibration();
    out.putInt(c == null ? 0 : 1);
    if (c != null) {
      out.putDouble(c.temperature()).putInt(c.labelDepth()).putInt(c.masses().length).putFloats(c.masses())
          .putFloats(c.recalls()).putFloats(c.meanProbes());
    }
    out.putFloats(index.centroids()).putFloats(index.router().weights()).putFloats(index.router().bias());
    out.putInts(lists.offsets()).putInts(lists.ids()).align(ALIGN);
    float[] row = new float[index.dimension()];
    for (int i = 0; i < index.size(); i++) {
      lists.rows().copyTo(i, row, 0);
      out.putFloats(row);
    }
    if (lists.quantizer() != null) {
      out.putFloats(lists.quantizer().mins()).putFloats(lists.quantizer().steps()).align(ALIGN)
          .putBytes(lists.codes(), lists.codes().byteSize()).putFloats(lists.codeNorms());
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
    long length = Files.size(file);
    Arena arena = mapped ? Arena.ofShared() : Arena.ofConfined();
    boolean keepArena = false;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, length, arena);
      long data = IndexFiles.verify(file, seg, length, MAGIC, "IVF", OLDEST_VERSION, VERSION, 12 + IndexFiles.FOOTER,
          IvfFormatException::new);
      int version = seg.get(IndexFiles.INT_LE, 8);
      IvfIndex index = parse(file, new IndexInput(file, seg, 12, data, IvfFormatException::new), version,
          mapped ? arena : null);
      keepArena = mapped;
      return index;
    } finally {
      if (!keepArena) {
        arena.close();
      }
    }
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
    int[] ids = in.getInts(size, "ids");
    boolean[] seen = new boolean[size];
    for (int id : ids) {
      check(file, id >= 0 && id < size && !seen[id], "is corrupted: id " + id + " is out of range or repeated");
      seen[id] = true;
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
    IvfLists lists = new IvfLists(rows, ids, offsets, quantizer, codes, norms);
    return new IvfIndex(metric, dim, router, centroids, lists, calibration, report, nprobe, rerank, mapped);
  }

  private static void check(Path file, boolean ok, String what) throws IvfFormatException {
    if (!ok) {
      throw new IvfFormatException(file + (what.startsWith("is ") || what.startsWith("has ") || what.startsWith("names ")
          ? " " : ": ") + what);
    }
  }
}
