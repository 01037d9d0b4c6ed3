package org.annlib.hnsw;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.annlib.Metric;
import org.annlib.io.IndexFiles;
import org.annlib.io.IndexOutput;
import org.annlib.quant.UniformQuantizer;

/**
 * The header of an HNSW file (see {@link HnswFormat}) and where its sections start: one record
 * that the writer fills from an index and the reader fills, validated, from a file, so the two
 * cannot disagree on the layout. {@code quantizer} is the grid of the stored first-pass codes, null
 * when the file holds none (a float32 preset, or a version 1 file, whose codes are re-encoded on
 * load).
 */
record HnswHeader(int version, Metric metric, int dimension, int size, HnswConfig config, long entry,
    HnswStrategySet strategies, UniformQuantizer quantizer, Layout layout, boolean externalVectors) {
  static final int VERSION = 4;
  /**
   * Version 1 (until 0.1.0): no code sections; version 2: no ids (every id its ordinal); version 3:
   * no recall calibration. All still read.
   */
  static final int OLDEST_VERSION = 1;
  static final byte[] MAGIC = "ANNLHNSW".getBytes(StandardCharsets.US_ASCII);
  /**
   * A graph file without its vectors (the container that embeds it stores them, as a Lucene
   * segment does): the same layout with an empty vector section. Version 4 onwards.
   */
  static final byte[] GRAPH_MAGIC = "ANNLHNSG".getBytes(StandardCharsets.US_ASCII);
  private static final ValueLayout.OfInt INT_LE = IndexFiles.INT_LE;
  private static final ValueLayout.OfLong LONG_LE = IndexFiles.LONG_LE;
  /** Magic, seven ints, seed, multiplier, entry, six offsets and the strategy count. */
  private static final long FIXED_BYTES_V1 = 8 + 4 * 7 + 8 + 8 + 8 + 6 * 8 + 4;
  /** Version 2 adds the code and code-sum offsets and the code grid (bits, min, step). */
  private static final long FIXED_BYTES_V2 = FIXED_BYTES_V1 + 2 * 8 + 3 * 4;
  /** Version 3 adds the ids offset. */
  private static final long FIXED_BYTES_V3 = FIXED_BYTES_V2 + 8;
  /** Version 4 adds the recall-calibration offset. */
  private static final long FIXED_BYTES = FIXED_BYTES_V3 + 8;

  /**
   * Byte offsets of the sections; vectors, deleted, codes, sums and ids start 64-byte aligned.
   * Without codes, codes and sums start where the ids do; before version 3, ids is the footer, and
   * before version 4, so is the calibration.
   */
  record Layout(long vectors, long level0, long levels, long upper, long deleted, long codes, long sums, long ids,
      long calibration, long footer) {
    static Layout of(long headerBytes, int dimension, int size, int m, long upperInts, long codeBytes, long sumBytes,
        long idBytes, long calibrationBytes) {
      long vectors = align(headerBytes);
      long level0 = align(vectors + 4L * dimension * size);
      long levels = level0 + 4L * (1 + 2L * m) * size;
      long upper = levels + size;
      long deleted = align(upper + 4 * upperInts);
      long codes = align(deleted + 8L * deletedWords(size));
      long sums = align(codes + codeBytes);
      long ids = align(sums + sumBytes);
      long calibration = ids + idBytes;
      return new Layout(vectors, level0, levels, upper, deleted, codes, sums, ids, calibration,
          calibration + calibrationBytes);
    }
  }

  static long align(long x) {
    return (x + 63) & ~63L;
  }

  static int deletedWords(int size) {
    return (size + 63) >>> 6;
  }

  /** The header a file of {@code index} gets; without its vectors when {@code externalVectors}. */
  static HnswHeader of(HnswIndex index, boolean externalVectors) {
    HnswGraph g = index.graph();
    int size = index.size();
    long upperInts = 0;
    for (int i = 0; i < size; i++) {
      upperInts += (long) g.level(i) * (1 + index.config().m());
    }
    CodeStore codes = index.view().codes();
    UniformQuantizer q = codes == null ? null : codes.quantizer();
    long codeBytes = q == null ? 0 : (long) q.codeBytes(index.dimension()) * size;
    long sumBytes = q == null ? 0 : CodeStore.sumBytes(index.metric(), size);
    long headerBytes = FIXED_BYTES + strategyBytes(index.strategies());
    long idBytes = index.ids().isIdentity() ? 8 : 8 + 8L * size;
    return new HnswHeader(VERSION, index.metric(), index.dimension(), size, index.config(), g.entry(),
        index.strategies(), q, Layout.of(headerBytes, externalVectors ? 0 : index.dimension(), size,
            index.config().m(), upperInts, codeBytes, sumBytes, idBytes,
            RecallCalibration.bytes(index.view().calibration())), externalVectors);
  }

  private static long strategyBytes(HnswStrategySet set) {
    long bytes = 0;
    for (String s : set.names()) {
      bytes += 4 + s.getBytes(StandardCharsets.UTF_8).length;
    }
    return bytes;
  }

  void write(IndexOutput out) throws java.io.IOException {
    HnswConfig c = config;
    out.putBytes(externalVectors ? GRAPH_MAGIC : MAGIC).putInt(VERSION).putInt(metric.ordinal()).putInt(dimension).putInt(size).putInt(c.m())
        .putInt(c.efConstruction()).putInt(c.ef()).putLong(c.seed()).putDouble(c.levelMultiplier()).putLong(entry);
    out.putLong(layout.vectors).putLong(layout.level0).putLong(layout.levels).putLong(layout.upper)
        .putLong(layout.deleted).putLong(layout.footer).putLong(layout.codes).putLong(layout.sums);
    out.putInt(quantizer == null ? 0 : quantizer.bits()).putFloat(quantizer == null ? 0 : quantizer.min())
        .putFloat(quantizer == null ? 0 : quantizer.step());
    out.putLong(layout.ids).putLong(layout.calibration);
    List<String> names = strategies.names();
    out.putInt(names.size());
    for (String s : names) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.putInt(b.length).putBytes(b);
    }
  }

  /**
   * Reads and validates the header of a file whose footer and checksum {@link IndexFiles#verify}
   * accepted ({@code footer} is the footer's offset): fields, section offsets, entry point, code
   * grid and strategy names. The upper-level section's length needs the levels and is checked by
   * the reader.
   */
  static HnswHeader read(Path file, MemorySegment seg, long footer, boolean externalVectors)
      throws HnswFormatException {
    int version = seg.get(INT_LE, 8);
    int p = 12;
    int metricOrd = seg.get(INT_LE, p);
    int dim = seg.get(INT_LE, p + 4);
    int size = seg.get(INT_LE, p + 8);
    int m = seg.get(INT_LE, p + 12);
    int efc = seg.get(INT_LE, p + 16);
    int ef = seg.get(INT_LE, p + 20);
    long seed = seg.get(LONG_LE, p + 24);
    double mult = Double.longBitsToDouble(seg.get(LONG_LE, p + 32));
    long entry = seg.get(LONG_LE, p + 40);
    p += 48;
    long deletedAt = seg.get(LONG_LE, p + 32);
    long footerAt = seg.get(LONG_LE, p + 40);
    long codesAt = footerAt;
    long sumsAt = footerAt;
    long idsAt = footerAt;
    long calibrationAt = footerAt;
    int bits = 0;
    float min = 0;
    float step = 0;
    if (version >= 2) {
      HnswFormat.check(file, footer >= (version >= 4 ? FIXED_BYTES : version == 3 ? FIXED_BYTES_V3 : FIXED_BYTES_V2),
          "is truncated");
      codesAt = seg.get(LONG_LE, p + 48);
      sumsAt = seg.get(LONG_LE, p + 56);
      bits = seg.get(INT_LE, p + 64);
      min = seg.get(IndexFiles.FLOAT_LE, p + 68);
      step = seg.get(IndexFiles.FLOAT_LE, p + 72);
    }
    if (version >= 3) {
      idsAt = seg.get(LONG_LE, p + 76);
    }
    if (version >= 4) {
      calibrationAt = seg.get(LONG_LE, p + 84);
    }
    Layout at = new Layout(seg.get(LONG_LE, p), seg.get(LONG_LE, p + 8), seg.get(LONG_LE, p + 16),
        seg.get(LONG_LE, p + 24), deletedAt, codesAt, sumsAt, idsAt, calibrationAt, footerAt);
    p += version >= 4 ? 92 : version == 3 ? 84 : version == 2 ? 76 : 48;
    if (metricOrd < 0 || metricOrd >= Metric.values().length || dim <= 0 || size < 0) {
      throw new HnswFormatException(file + " has an invalid header: metric " + metricOrd + ", dimension " + dim + ", size " + size);
    }
    Metric metric = Metric.values()[metricOrd];
    HnswConfig config;
    try {
      config = new HnswConfig(m, efc, ef, seed, mult);
    } catch (IllegalArgumentException e) {
      throw new HnswFormatException(file + " has invalid parameters: " + e.getMessage());
    }
    long deletedEnd = at.deleted + 8L * deletedWords(size);
    HnswFormat.check(file, at.vectors >= p && at.vectors % 64 == 0
        && at.level0 == align(at.vectors + (externalVectors ? 0 : 4L * dim * size)) && at.levels == at.level0 + 4L * (1 + 2L * m) * size
        && at.upper == at.levels + size && at.footer == footer && at.deleted <= deletedEnd
        && deletedEnd <= at.footer, "section offsets are inconsistent");
    HnswFormat.check(file, size == 0 ? entry == -1 : (HnswGraph.entryNode(entry) >= 0
        && HnswGraph.entryNode(entry) < size && HnswGraph.entryLevel(entry) >= 0
        && HnswGraph.entryLevel(entry) <= HnswLevels.MAX_LEVEL), "the entry point is invalid");
    HnswStrategySet set = strategies(file, seg, p, at.vectors);
    UniformQuantizer quantizer = null;
    if (version == 1) {
      HnswFormat.check(file, at.footer == deletedEnd, "section offsets are inconsistent");
    } else {
      int want = set.codes().bits(dim);
      if (bits != want) {
        throw new HnswFormatException(file + " stores " + (bits == 0 ? "no first-pass codes" : bits + "-bit codes")
            + " but its strategy " + set.codes().name() + " needs " + (want == 0 ? "none" : want + "-bit codes"));
      }
      if (bits != 0) {
        try {
          quantizer = new UniformQuantizer(bits, min, step);
        } catch (IllegalArgumentException e) {
          throw new HnswFormatException(file + " has an invalid code grid: " + e.getMessage());
        }
      }
      long codeBytes = quantizer == null ? 0 : (long) quantizer.codeBytes(dim) * size;
      long sumBytes = quantizer == null ? 0 : CodeStore.sumBytes(metric, size);
      HnswFormat.check(file, at.codes == align(deletedEnd) && at.sums == align(at.codes + codeBytes)
          && (version == 2 ? at.footer == at.sums + sumBytes : at.ids == align(at.sums + sumBytes)),
          "the code sections do not match the header");
      HnswFormat.check(file, version == 2 || (at.ids < at.calibration && at.ids % 64 == 0),
          "the ids section does not match the header");
      HnswFormat.check(file, at.calibration < at.footer || (version < 4 && at.calibration == at.footer),
          "the calibration section does not match the header");
    }
    return new HnswHeader(version, metric, dim, size, config, entry, set, quantizer, at, externalVectors);
  }

  private static HnswStrategySet strategies(Path file, MemorySegment seg, long p, long end)
      throws HnswFormatException {
    int count = seg.get(INT_LE, p);
    p += 4;
    HnswStrategySet set = HnswStrategySet.DEFAULT;
    boolean hasSelector = false;
    for (int i = 0; i < count; i++) {
      int len = seg.get(INT_LE, p);
      HnswFormat.check(file, len > 0 && p + 4 + len <= end, "a strategy name overruns the header");
      String s = new String(seg.asSlice(p + 4, len).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
      p += 4 + len;
      int eq = s.indexOf('=');
      String role = eq < 0 ? s : s.substring(0, eq);
      if (eq < 0 || !HnswStrategies.ROLES.contains(role)) {
        throw new HnswFormatException(file + " names an unknown strategy role: " + s);
      }
      try {
        set = set.with(role, s.substring(eq + 1));
      } catch (IllegalArgumentException e) {
        // the registry's message names ann-crinn-variants when that module is missing
        throw new HnswFormatException(file + ": " + e.getMessage());
      }
      hasSelector |= role.equals(NeighborSelector.ROLE);
    }
    HnswFormat.check(file, hasSelector, "no neighbour selector is recorded");
    return set;
  }
}
