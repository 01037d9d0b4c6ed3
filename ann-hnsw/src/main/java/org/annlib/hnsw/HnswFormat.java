package org.annlib.hnsw;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.annlib.Metric;
import org.annlib.io.IndexFiles;
import org.annlib.io.IndexOutput;
import org.annlib.vectors.OffHeapVectorValues;
import org.annlib.vectors.PagedVectorValues;
import org.annlib.vectors.VectorValues;

/**
 * The single-file HNSW format, version 1 (docs/file-formats.md). Little-endian throughout:
 *
 * <pre>
 * header   magic "ANNLHNSW", int version, int metric, int dimension, int size, int M,
 *          int efConstruction, int ef, long seed, double levelMultiplier, long entry,
 *          long offsets of: vectors, level 0, levels, upper levels, deleted, footer;
 *          int strategy count, then per strategy int length + UTF-8 "role=name"
 * vectors  size x dimension float32, at a 64-byte aligned offset (memory-mappable)
 * level 0  size x (1 + 2M) int32: count, then ids
 * levels   size bytes
 * upper    for each node with level L > 0: L x (1 + M) int32
 * deleted  ceil(size / 64) int64 words
 * footer   long footer offset, int CRC32C of every byte before the footer, magic "ANNLEND!"
 * </pre>
 *
 * Loading checks the magic, version, footer, checksum and every offset, count and id before
 * using them, so a damaged file fails with a message naming the problem rather than an index
 * that is silently wrong.
 */
final class HnswFormat {
  static final int VERSION = 1;
  private static final byte[] MAGIC = "ANNLHNSW".getBytes(StandardCharsets.US_ASCII);
  private static final ValueLayout.OfInt INT_LE = IndexFiles.INT_LE;
  private static final ValueLayout.OfLong LONG_LE = IndexFiles.LONG_LE;

  private HnswFormat() {}

  // ---------------------------------------------------------------- writing

  static void write(HnswIndex index, Path file) throws IOException {
    IndexFiles.save(file, out -> writeBody(index, out));
  }

  private static void writeBody(HnswIndex index, IndexOutput out) throws IOException {
    HnswConfig c = index.config();
    HnswGraph g = index.graph();
    VectorValues vectors = index.vectors();
    int size = index.size();
    int dim = index.dimension();
    int m = c.m();
    java.util.List<byte[]> strategies = new java.util.ArrayList<>();
    long strategyBytes = 0;
    for (String s : index.strategies().names()) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      strategies.add(b);
      strategyBytes += 4 + b.length;
    }
    long headerBytes = 8 + 4 * 7 + 8 + 8 + 8 + 6 * 8 + 4 + strategyBytes;
    long vectorsOff = align(headerBytes);
    long level0Off = align(vectorsOff + 4L * dim * size);
    long levelsOff = level0Off + 4L * (1 + 2L * m) * size;
    long upperOff = levelsOff + size;
    long upperInts = 0;
    for (int i = 0; i < size; i++) {
      upperInts += (long) g.level(i) * (1 + m);
    }
    long deletedOff = align(upperOff + 4 * upperInts);
    long[] deletedWords = index.deletedSet().words(size);
    long footerOff = deletedOff + 8L * deletedWords.length;

    out.putBytes(MAGIC).putInt(VERSION).putInt(index.metric().ordinal()).putInt(dim).putInt(size).putInt(m)
        .putInt(c.efConstruction()).putInt(c.ef()).putLong(c.seed()).putDouble(c.levelMultiplier())
        .putLong(g.entry());
    out.putLong(vectorsOff).putLong(level0Off).putLong(levelsOff).putLong(upperOff).putLong(deletedOff).putLong(footerOff);
    out.putInt(strategies.size());
    for (byte[] b : strategies) {
      out.putInt(b.length).putBytes(b);
    }
    out.padTo(vectorsOff);
    float[] row = new float[dim];
    for (int i = 0; i < size; i++) {
      vectors.copyTo(i, row, 0);
      out.putFloats(row);
    }
    out.padTo(level0Off);
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
    out.padTo(deletedOff);
    for (long w : deletedWords) {
      out.putLong(w);
    }
    if (out.position() != footerOff) {
      throw new IllegalStateException("HNSW writer bug: wrote " + out.position() + " bytes, planned " + footerOff);
    }
  }

  private static long align(long x) {
    return (x + 63) & ~63L;
  }

  // ---------------------------------------------------------------- reading

  static HnswIndex read(Path file, boolean mapped) throws IOException {
    long length = Files.size(file);
    Arena arena = mapped ? Arena.ofShared() : Arena.ofConfined();
    boolean keepArena = false;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, length, arena);
      HnswIndex index = parse(file, seg, length, mapped ? arena : null);
      keepArena = mapped;
      return index;
    } finally {
      if (!keepArena) {
        arena.close();
      }
    }
  }

  private static HnswIndex parse(Path file, MemorySegment seg, long length, Arena arena) throws IOException {
    long footerOff = IndexFiles.verify(file, seg, length, "ANNLHNSW", "HNSW", VERSION, 128 + IndexFiles.FOOTER,
        HnswFormatException::new);
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
    long vectorsOff = seg.get(LONG_LE, p), level0Off = seg.get(LONG_LE, p + 8), levelsOff = seg.get(LONG_LE, p + 16);
    long upperOff = seg.get(LONG_LE, p + 24), deletedOff = seg.get(LONG_LE, p + 32), fOff = seg.get(LONG_LE, p + 40);
    p += 48;
    if (metricOrd < 0 || metricOrd >= Metric.values().length || dim <= 0 || size < 0) {
      throw new HnswFormatException(file + " has an invalid header: metric " + metricOrd + ", dimension " + dim + ", size " + size);
    }
    HnswConfig config;
    try {
      config = new HnswConfig(m, efc, ef, seed, mult);
    } catch (IllegalArgumentException e) {
      throw new HnswFormatException(file + " has invalid parameters: " + e.getMessage());
    }
    int stride0 = 1 + 2 * m;
    check(file, vectorsOff >= p && vectorsOff % 64 == 0 && level0Off == align(vectorsOff + 4L * dim * size)
        && levelsOff == level0Off + 4L * stride0 * size && upperOff == levelsOff + size && fOff == footerOff
        && deletedOff <= fOff && fOff - deletedOff == 8L * ((size + 63) / 64), "section offsets are inconsistent");
    check(file, size == 0 ? entry == -1 : (HnswGraph.entryNode(entry) >= 0 && HnswGraph.entryNode(entry) < size
        && HnswGraph.entryLevel(entry) >= 0 && HnswGraph.entryLevel(entry) <= HnswLevels.MAX_LEVEL), "the entry point is invalid");
    int strategies = seg.get(INT_LE, p);
    p += 4;
    HnswStrategySet set = HnswStrategySet.DEFAULT;
    boolean hasSelector = false;
    for (int i = 0; i < strategies; i++) {
      int len = seg.get(INT_LE, p);
      check(file, len > 0 && p + 4 + len <= vectorsOff, "a strategy name overruns the header");
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
    check(file, hasSelector, "no neighbour selector is recorded");
    Metric metric = Metric.values()[metricOrd];

    byte[] levels = seg.asSlice(levelsOff, size).toArray(ValueLayout.JAVA_BYTE);
    long upperInts = 0;
    for (int i = 0; i < size; i++) {
      check(file, levels[i] >= 0 && levels[i] <= HnswLevels.MAX_LEVEL, "node " + i + " has level " + levels[i]);
      upperInts += (long) levels[i] * (1 + m);
    }
    check(file, align(upperOff + 4 * upperInts) == deletedOff, "the upper-level section has the wrong length");
    int[][] upper = new int[Math.max(16, size)][];
    long q = upperOff;
    for (int i = 0; i < size; i++) {
      if (levels[i] > 0) {
        int[] u = new int[levels[i] * (1 + m)];
        MemorySegment.copy(seg, INT_LE, q, u, 0, u.length);
        q += 4L * u.length;
        for (int l = 0; l < levels[i]; l++) {
          checkList(file, u, l * (1 + m), m, size, i, l + 1);
        }
        upper[i] = u;
      }
    }
    long[] words = seg.asSlice(deletedOff, fOff - deletedOff).toArray(LONG_LE);
    DeletedSet deleted = DeletedSet.of(words, size);

    if (arena != null) {
      MemorySegment level0 = seg.asSlice(level0Off, 4L * stride0 * size);
      int[] buf = new int[stride0];
      for (int i = 0; i < size; i++) {
        MemorySegment.copy(level0, INT_LE, 4L * stride0 * i, buf, 0, stride0);
        checkList(file, buf, 0, 2 * m, size, i, 0);
      }
      OffHeapVectorValues vectors = OffHeapVectorValues.of(seg.asSlice(vectorsOff, 4L * dim * size), size, dim);
      MappedHnswGraph graph = new MappedHnswGraph(level0, m, upper, levels.length >= 16 ? levels : java.util.Arrays.copyOf(levels, 16), entry);
      HnswIndex mappedIndex = new HnswIndex(metric, config, set, vectors, graph, deleted, arena);
      mappedIndex.prepareSearch();
      return mappedIndex;
    }
    long links = (long) stride0 * Math.max(16, size);
    check(file, links < Integer.MAX_VALUE - 16,
        "has more level-0 links than one heap array holds; memory-map it with HnswIndex.map");
    PagedVectorValues vectors = PagedVectorValues.read(seg, vectorsOff, size, dim);
    int[] level0 = new int[(int) links];
    MemorySegment.copy(seg, INT_LE, level0Off, level0, 0, stride0 * size);
    for (int i = 0; i < size; i++) {
      checkList(file, level0, i * stride0, 2 * m, size, i, 0);
    }
    byte[] lv = java.util.Arrays.copyOf(levels, Math.max(16, size));
    OnHeapHnswGraph graph = OnHeapHnswGraph.of(m, Math.max(16, size), level0, upper, lv, entry);
    HnswIndex heapIndex = new HnswIndex(metric, config, set, vectors, graph, deleted, null);
    heapIndex.prepareSearch();
    return heapIndex;
  }

  private static void checkList(Path file, int[] a, int base, int cap, int size, int node, int level)
      throws HnswFormatException {
    int n = a[base];
    if (n < 0 || n > cap) {
      throw new HnswFormatException(file + " is corrupted: node " + node + " has " + n + " neighbours on level " + level
          + ", at most " + cap + " allowed");
    }
    for (int j = 1; j <= n; j++) {
      int id = a[base + j];
      if (id < 0 || id >= size || id == node) {
        throw new HnswFormatException(file + " is corrupted: node " + node + " links to " + id + " on level " + level);
      }
    }
  }

  private static void check(Path file, boolean ok, String what) throws HnswFormatException {
    if (!ok) {
      throw new HnswFormatException(file + (what.startsWith("is ") ? " " : ": ") + what);
    }
  }



}
