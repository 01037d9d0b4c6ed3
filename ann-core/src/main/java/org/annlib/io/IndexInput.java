package org.annlib.io;

import org.annlib.IndexFormatException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Sequential little-endian reader over a verified file's data. Every read is bounds-checked
 * against the data length, so a structurally bad file (one whose checksum is valid but whose
 * counts are not) fails with a message naming the section instead of reading past it.
 */
public final class IndexInput {
  private final Path file;
  private final MemorySegment seg;
  private final long end;
  private final Function<String, ? extends IndexFormatException> error;
  private long pos;

  public IndexInput(Path file, MemorySegment seg, long start, long end,
      Function<String, ? extends IndexFormatException> error) {
    this.file = file;
    this.seg = seg;
    this.pos = start;
    this.end = end;
    this.error = error;
  }

  /** A format error about this file: "{file} {what}" (or "{file}: {what}"), for the caller to throw. */
  public IndexFormatException error(String what) {
    return error.apply(file + (what.startsWith("is ") || what.startsWith("has ") ? " " : ": ") + what);
  }

  public long position() {
    return pos;
  }

  public long remaining() {
    return end - pos;
  }

  private long take(long bytes, String what) throws IndexFormatException {
    if (bytes < 0 || bytes > end - pos) {
      throw error.apply(file + " is corrupted: " + what + " (" + bytes + " bytes) overruns the data at offset " + pos);
    }
    long at = pos;
    pos += bytes;
    return at;
  }

  public int getInt(String what) throws IndexFormatException {
    return seg.get(IndexFiles.INT_LE, take(4, what));
  }

  public long getLong(String what) throws IndexFormatException {
    return seg.get(IndexFiles.LONG_LE, take(8, what));
  }

  public float getFloat(String what) throws IndexFormatException {
    return seg.get(IndexFiles.FLOAT_LE, take(4, what));
  }

  public double getDouble(String what) throws IndexFormatException {
    return Double.longBitsToDouble(getLong(what));
  }

  public String getString(String what) throws IndexFormatException {
    int len = getInt(what);
    if (len < 0 || len > 4096) {
      throw error.apply(file + " is corrupted: " + what + " has length " + len);
    }
    return new String(seg.asSlice(take(len, what), len).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
  }

  public float[] getFloats(long n, String what) throws IndexFormatException {
    long at = take(checkedArray(n, 4, what), what);
    float[] out = new float[(int) n];
    MemorySegment.copy(seg, IndexFiles.FLOAT_LE, at, out, 0, out.length);
    return out;
  }

  public int[] getInts(long n, String what) throws IndexFormatException {
    long at = take(checkedArray(n, 4, what), what);
    int[] out = new int[(int) n];
    MemorySegment.copy(seg, IndexFiles.INT_LE, at, out, 0, out.length);
    return out;
  }

  /**
   * The next {@code bytes} bytes as a slice of the file's segment (no copy: valid while the file's
   * arena is open), for sections that are memory-mapped or copied in bulk.
   */
  public MemorySegment slice(long bytes, String what) throws IndexFormatException {
    return seg.asSlice(take(bytes, what), bytes);
  }

  /** Skips the zero padding up to the next multiple of {@code alignment} from the file's start. */
  public void align(int alignment, String what) throws IndexFormatException {
    long to = (pos + alignment - 1) / alignment * alignment;
    long at = take(to - pos, what + " padding");
    for (long i = at; i < to; i++) {
      if (seg.get(ValueLayout.JAVA_BYTE, i) != 0) {
        throw error.apply(file + " is corrupted: nonzero padding before " + what + " at offset " + i);
      }
    }
  }

  public byte[] getBytes(long n, String what) throws IndexFormatException {
    long at = take(checkedArray(n, 1, what), what);
    return seg.asSlice(at, n).toArray(ValueLayout.JAVA_BYTE);
  }

  private long checkedArray(long n, int width, String what) throws IndexFormatException {
    if (n < 0 || n > Integer.MAX_VALUE - 16) {
      throw error.apply(file + " has " + what + " of " + n + " elements, more than a Java array holds");
    }
    return n * width;
  }
}
