package org.annlib.hnsw;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.annlib.Metric;
import org.annlib.vectors.FlatVectorValues;
import org.annlib.vectors.OffHeapVectorValues;
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
  private static final byte[] END = "ANNLEND!".getBytes(StandardCharsets.US_ASCII);
  private static final int FOOTER = 20;
  private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private HnswFormat() {}

  // ---------------------------------------------------------------- writing

  static void write(HnswIndex index, Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        Out out = new Out(ch);
        writeBody(index, out);
        ByteBuffer footer = ByteBuffer.allocate(FOOTER).order(ByteOrder.LITTLE_ENDIAN);
        footer.putLong(out.position).putInt((int) out.crc.getValue()).put(END).flip();
        while (footer.hasRemaining()) {
          ch.write(footer);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true); // make the rename itself durable
      } catch (IOException ignored) {
        // some file systems cannot fsync a directory; the file itself is already durable
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void writeBody(HnswIndex index, Out out) throws IOException {
    HnswConfig c = index.config();
    HnswGraph g = index.graph();
    VectorValues vectors = index.vectors();
    int size = index.size();
    int dim = index.dimension();
    int m = c.m();
    byte[] strategy = ("neighborSelector=" + index.neighborSelector().name()).getBytes(StandardCharsets.UTF_8);
    long headerBytes = 8 + 4 * 7 + 8 + 8 + 8 + 6 * 8 + 4 + 4 + strategy.length;
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

    ByteBuffer h = ByteBuffer.allocate((int) headerBytes).order(ByteOrder.LITTLE_ENDIAN);
    h.put(MAGIC).putInt(VERSION).putInt(index.metric().ordinal()).putInt(dim).putInt(size).putInt(m)
        .putInt(c.efConstruction()).putInt(c.ef()).putLong(c.seed()).putDouble(c.levelMultiplier())
        .putLong(g.entry());
    h.putLong(vectorsOff).putLong(level0Off).putLong(levelsOff).putLong(upperOff).putLong(deletedOff).putLong(footerOff);
    h.putInt(1).putInt(strategy.length).put(strategy);
    out.write(h.flip());
    out.padTo(vectorsOff);
    float[] row = new float[dim];
    ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < size; i++) {
      vectors.copyTo(i, row, 0);
      for (float x : row) {
        buf = out.ensure(buf, 4);
        buf.putFloat(x);
      }
    }
    out.flush(buf);
    out.padTo(level0Off);
    int[] nb = new int[2 * m];
    for (int i = 0; i < size; i++) {
      int n = g.neighbors(i, 0, nb);
      buf = out.ensure(buf, 4 * (1 + 2 * m));
      buf.putInt(n);
      for (int j = 0; j < 2 * m; j++) {
        buf.putInt(j < n ? nb[j] : 0);
      }
    }
    for (int i = 0; i < size; i++) {
      buf = out.ensure(buf, 1);
      buf.put((byte) g.level(i));
    }
    for (int i = 0; i < size; i++) {
      for (int l = 1; l <= g.level(i); l++) {
        int n = g.neighbors(i, l, nb);
        buf = out.ensure(buf, 4 * (1 + m));
        buf.putInt(n);
        for (int j = 0; j < m; j++) {
          buf.putInt(j < n ? nb[j] : 0);
        }
      }
    }
    out.flush(buf);
    out.padTo(deletedOff);
    for (long w : deletedWords) {
      buf = out.ensure(buf, 8);
      buf.putLong(w);
    }
    out.flush(buf);
    if (out.position != footerOff) {
      throw new IllegalStateException("HNSW writer bug: wrote " + out.position + " bytes, planned " + footerOff);
    }
  }

  private static long align(long x) {
    return (x + 63) & ~63L;
  }

  /** A channel writer that keeps the position and the CRC32C of everything written. */
  private static final class Out {
    final FileChannel ch;
    final CRC32C crc = new CRC32C();
    long position;

    Out(FileChannel ch) {
      this.ch = ch;
    }

    void write(ByteBuffer b) throws IOException {
      crc.update(b.duplicate());
      position += b.remaining();
      while (b.hasRemaining()) {
        ch.write(b);
      }
    }

    ByteBuffer ensure(ByteBuffer buf, int bytes) throws IOException {
      if (buf.remaining() < bytes) {
        flush(buf);
      }
      return buf;
    }

    void flush(ByteBuffer buf) throws IOException {
      buf.flip();
      write(buf);
      buf.clear();
    }

    void padTo(long offset) throws IOException {
      if (offset > position) {
        write(ByteBuffer.allocate((int) (offset - position)));
      }
    }
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
    if (length < 8 || !startsWith(seg, MAGIC)) {
      if (length >= 8 && startsWith(seg, "ANNL".getBytes(StandardCharsets.US_ASCII))) {
        String kind = new String(seg.asSlice(4, 4).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII);
        throw new HnswFormatException(file + " is an annlib " + kind.trim() + " file, not an HNSW index");
      }
      throw new HnswFormatException(file + " is not an annlib HNSW index (bad magic)");
    }
    if (length < 12) {
      throw new HnswFormatException(file + " is truncated: " + length + " bytes");
    }
    int version = seg.get(INT_LE, 8);
    if (version != VERSION) {
      throw new HnswFormatException(file + " has HNSW format version " + version + "; this library reads version " + VERSION);
    }
    if (length < 128 + FOOTER || !endsWith(seg, length, END)) {
      throw new HnswFormatException(file + " is truncated or was not completely written (no end marker)");
    }
    long footerOff = seg.get(LONG_LE, length - FOOTER);
    if (footerOff != length - FOOTER) {
      throw new HnswFormatException(file + " is truncated or corrupted: footer says " + footerOff + " bytes of data, the file has "
          + (length - FOOTER));
    }
    int storedCrc = seg.get(INT_LE, length - FOOTER + 8);
    int crc = crc32c(seg, footerOff);
    if (crc != storedCrc) {
      throw new HnswFormatException(String.format("%s is corrupted: CRC32C mismatch (stored %08x, computed %08x)", file,
          storedCrc, crc));
    }
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
    NeighborSelector selector = null;
    for (int i = 0; i < strategies; i++) {
      int len = seg.get(INT_LE, p);
      check(file, len > 0 && p + 4 + len <= vectorsOff, "a strategy name overruns the header");
      String s = new String(seg.asSlice(p + 4, len).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
      p += 4 + len;
      if (s.startsWith("neighborSelector=")) {
        try {
          selector = HnswStrategies.neighborSelector(s.substring("neighborSelector=".length()));
        } catch (IllegalArgumentException e) {
          throw new HnswFormatException(file + ": " + e.getMessage());
        }
      } else {
        throw new HnswFormatException(file + " names an unknown strategy role: " + s);
      }
    }
    check(file, selector != null, "no neighbour selector is recorded");
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
      return new HnswIndex(metric, config, selector, vectors, graph, deleted, arena);
    }
    long values = (long) dim * size;
    long links = (long) stride0 * Math.max(16, size);
    check(file, values < Integer.MAX_VALUE - 16 && links < Integer.MAX_VALUE - 16,
        "is too large to load onto the heap; memory-map it with HnswIndex.map");
    float[] data = new float[(int) values];
    MemorySegment.copy(seg, FLOAT_LE, vectorsOff, data, 0, data.length);
    int[] level0 = new int[(int) links];
    MemorySegment.copy(seg, INT_LE, level0Off, level0, 0, stride0 * size);
    for (int i = 0; i < size; i++) {
      checkList(file, level0, i * stride0, 2 * m, size, i, 0);
    }
    byte[] lv = java.util.Arrays.copyOf(levels, Math.max(16, size));
    OnHeapHnswGraph graph = OnHeapHnswGraph.of(m, Math.max(16, size), level0, upper, lv, entry);
    FlatVectorValues vectors = FlatVectorValues.wrap(data, dim);
    return new HnswIndex(metric, config, selector, vectors, graph, deleted, null);
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

  private static boolean startsWith(MemorySegment seg, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (seg.get(ValueLayout.JAVA_BYTE, i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean endsWith(MemorySegment seg, long length, byte[] suffix) {
    for (int i = 0; i < suffix.length; i++) {
      if (seg.get(ValueLayout.JAVA_BYTE, length - suffix.length + i) != suffix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int crc32c(MemorySegment seg, long length) {
    CRC32C crc = new CRC32C();
    for (long off = 0; off < length; off += 1 << 30) {
      crc.update(seg.asSlice(off, Math.min(1 << 30, length - off)).asByteBuffer());
    }
    return (int) crc.getValue();
  }
}
