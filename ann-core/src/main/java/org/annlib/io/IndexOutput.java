package org.annlib.io;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Little-endian writer for index files that tracks the position and the CRC32C of every byte
 * written, so the footer can be added without reading the file back. Buffers 64 KiB.
 */
public final class IndexOutput {
  private final WritableByteChannel ch;
  private final CRC32C crc = new CRC32C();
  private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
  private long position;

  IndexOutput(WritableByteChannel ch) {
    this.ch = ch;
  }

  /** Bytes written so far, buffered ones included. */
  public long position() {
    return position + buf.position();
  }

  int crc() {
    return (int) crc.getValue();
  }

  private ByteBuffer room(int bytes) throws IOException {
    if (buf.remaining() < bytes) {
      flush();
    }
    return buf;
  }

  void flush() throws IOException {
    buf.flip();
    crc.update(buf.duplicate());
    position += buf.remaining();
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
    buf.clear();
  }

  public IndexOutput putByte(byte v) throws IOException {
    room(1).put(v);
    return this;
  }

  public IndexOutput putInt(int v) throws IOException {
    room(4).putInt(v);
    return this;
  }

  public IndexOutput putLong(long v) throws IOException {
    room(8).putLong(v);
    return this;
  }

  public IndexOutput putFloat(float v) throws IOException {
    room(4).putFloat(v);
    return this;
  }

  public IndexOutput putDouble(double v) throws IOException {
    room(8).putDouble(v);
    return this;
  }

  public IndexOutput putBytes(byte[] v) throws IOException {
    return putBytes(v, 0, v.length);
  }

  public IndexOutput putBytes(byte[] v, int offset, int length) throws IOException {
    for (int done = 0; done < length; ) {
      int n = Math.min(length - done, room(1).remaining());
      buf.put(v, offset + done, n);
      done += n;
    }
    return this;
  }

  /** The first {@code length} bytes of {@code seg} (heap, off-heap or mapped), straight into the buffer. */
  public IndexOutput putBytes(MemorySegment seg, long length) throws IOException {
    for (long done = 0; done < length; ) {
      int n = (int) Math.min(length - done, room(1).remaining());
      MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, done, buf.array(), buf.arrayOffset() + buf.position(), n);
      buf.position(buf.position() + n);
      done += n;
    }
    return this;
  }

  /** An int length, then the UTF-8 bytes. */
  public IndexOutput putString(String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    putInt(b.length);
    return putBytes(b);
  }

  public IndexOutput putFloats(float[] v, int offset, int length) throws IOException {
    for (int i = 0; i < length; i++) {
      room(4).putFloat(v[offset + i]);
    }
    return this;
  }

  public IndexOutput putFloats(float[] v) throws IOException {
    return putFloats(v, 0, v.length);
  }

  public IndexOutput putInts(int[] v, int offset, int length) throws IOException {
    for (int i = 0; i < length; i++) {
      room(4).putInt(v[offset + i]);
    }
    return this;
  }

  public IndexOutput putInts(int[] v) throws IOException {
    return putInts(v, 0, v.length);
  }

  /** Zero bytes up to the next multiple of {@code alignment}; the writer's side of {@link IndexInput#align}. */
  public IndexOutput align(int alignment) throws IOException {
    return padTo((position() + alignment - 1) / alignment * alignment);
  }

  /** Zero bytes up to {@code offset} (section alignment). */
  public IndexOutput padTo(long offset) throws IOException {
    while (position() < offset) {
      putByte((byte) 0);
    }
    return this;
  }
}
