package org.annlib.io;

import org.annlib.IndexFormatException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * The conventions every annlib index file follows (docs/file-formats.md): an 8-byte magic
 * "ANNL" + kind, an int version, the body, and a 20-byte footer (long data length, int CRC32C of
 * every byte before the footer, magic "ANNLEND!"). Saving writes a temporary file beside the
 * target, fsyncs it, renames it over the target and fsyncs the directory, so a crash leaves the
 * old file or the new one, never a mix. Loading checks magic, kind, version, end marker, length
 * and checksum before any field is trusted.
 */
public final class IndexFiles {
  public static final int FOOTER = 20;
  private static final byte[] END = "ANNLEND!".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ANNL = "ANNL".getBytes(StandardCharsets.US_ASCII);
  public static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  public static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  public static final ValueLayout.OfFloat FLOAT_LE =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private IndexFiles() {}

  /** Writes a body. */
  public interface Body {
    void write(IndexOutput out) throws IOException;
  }

  /** Saves atomically: {@code body} then the footer, to a temporary file renamed over {@code file}. */
  public static void save(Path file, Body body) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        write(ch, body);
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

  /**
   * Writes {@code body} then the footer to {@code ch} (an embedding container's stream, such as a
   * Lucene segment file), returning the bytes written, footer included.
   */
  public static long write(WritableByteChannel ch, Body body) throws IOException {
    IndexOutput out = new IndexOutput(ch);
    body.write(out);
    out.flush();
    long length = out.position();
    int crc = out.crc();
    out.putLong(length).putInt(crc).putBytes(END);
    out.flush();
    return out.position();
  }

  /** Builds an index from a file mapped into memory; see {@link #open}. */
  @FunctionalInterface
  public interface Opener<T> {
    /**
     * @param arena the mapping's arena when the index keeps it (mapped), null when everything is
     *     copied out before {@link #open} unmaps the file
     */
    T open(MemorySegment seg, long length, Arena arena) throws IOException;
  }

  /**
   * Maps {@code file} read-only and hands it to {@code opener}. When {@code mapped}, the index
   * owns the (shared) arena and unmaps it on close; otherwise the file is unmapped as soon as the
   * opener returns, and on any failure either way.
   */
  public static <T> T open(Path file, boolean mapped, Opener<T> opener) throws IOException {
    long length = Files.size(file);
    Arena arena = mapped ? Arena.ofShared() : Arena.ofConfined();
    boolean keep = false;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, length, arena);
      T index = opener.open(seg, length, mapped ? arena : null);
      keep = mapped;
      return index;
    } finally {
      if (!keep) {
        arena.close();
      }
    }
  }

  /**
   * Checks the envelope of a mapped file and returns the length of its data (footer excluded).
   *
   * @param magic the 8-byte magic of the expected kind, e.g. "ANNLHNSW"
   * @param kind how messages name the kind, e.g. "HNSW"
   * @param minLength smallest possible file, footer included
   */
  public static long verify(Path file, MemorySegment seg, long length, String magic, String kind, int version,
      long minLength, Function<String, ? extends IndexFormatException> error) throws IndexFormatException {
    return verify(file, seg, length, magic, kind, version, version, minLength, error);
  }

  /**
   * {@link #verify(Path, MemorySegment, long, String, String, int, long, Function)} for a reader of
   * every version from {@code oldest} to {@code newest}; the caller reads the version at byte 8.
   */
  public static long verify(Path file, MemorySegment seg, long length, String magic, String kind, int oldest,
      int newest, long minLength, Function<String, ? extends IndexFormatException> error)
      throws IndexFormatException {
    if (length < 8 || !startsWith(seg, magic.getBytes(StandardCharsets.US_ASCII))) {
      if (length >= 8 && startsWith(seg, ANNL)) {
        String other = new String(seg.asSlice(4, 4).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII);
        throw error.apply(file + " is an annlib " + other.trim() + " file, not an " + kind + " index");
      }
      throw error.apply(file + " is not an annlib " + kind + " index (bad magic)");
    }
    if (length < 12) {
      throw error.apply(file + " is truncated: " + length + " bytes");
    }
    int stored = seg.get(INT_LE, 8);
    if (stored < oldest || stored > newest) {
      throw error.apply(file + " has " + kind + " format version " + stored + "; this library reads "
          + (oldest == newest ? "version " + newest : "versions " + oldest + " to " + newest));
    }
    if (length < minLength || !endsWith(seg, length, END)) {
      throw error.apply(file + " is truncated or was not completely written (no end marker)");
    }
    long dataLength = seg.get(LONG_LE, length - FOOTER);
    if (dataLength != length - FOOTER) {
      throw error.apply(file + " is truncated or corrupted: footer says " + dataLength + " bytes of data, the file has "
          + (length - FOOTER));
    }
    int storedCrc = seg.get(INT_LE, length - FOOTER + 8);
    int crc = crc32c(seg, dataLength);
    if (crc != storedCrc) {
      throw error.apply(String.format("%s is corrupted: CRC32C mismatch (stored %08x, computed %08x)", file, storedCrc,
          crc));
    }
    return dataLength;
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
