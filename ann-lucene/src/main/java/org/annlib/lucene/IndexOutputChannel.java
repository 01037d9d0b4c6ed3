package org.annlib.lucene;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import org.apache.lucene.store.IndexOutput;

/** annlib's file writers write to channels; this one appends to a Lucene output (and its checksum). */
final class IndexOutputChannel implements WritableByteChannel {
  private final IndexOutput out;
  private final byte[] chunk = new byte[1 << 16];

  IndexOutputChannel(IndexOutput out) {
    this.out = out;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    int n = src.remaining();
    if (src.hasArray()) {
      out.writeBytes(src.array(), src.arrayOffset() + src.position(), n);
      src.position(src.limit());
      return n;
    }
    while (src.hasRemaining()) {
      int len = Math.min(chunk.length, src.remaining());
      src.get(chunk, 0, len);
      out.writeBytes(chunk, 0, len);
    }
    return n;
  }

  @Override
  public boolean isOpen() {
    return true;
  }

  /** The Lucene output stays open: its owner writes the footer. */
  @Override
  public void close() {}
}
