package org.annlib.util;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Zeroed byte blocks for bulk storage read by the code kernels (quantized codes, their sums): a
 * heap array viewed as a segment when the block fits one array, otherwise an off-heap block from
 * an automatic arena (freed when unreachable). The heap comes first for speed, not size: with
 * {@code -XX:+UseTransparentHugePages} the Java heap is backed by 2 MB pages and malloc'd memory is
 * not, and a graph walk's scattered code rows then miss the TLB far less (crinn on Fashion-MNIST
 * measured 0.83x the QPS with its 23 MB of codes off the heap instead of on it; docs/scale.md).
 * Scorers take the array back with {@link #array} and use the array kernels, which C2 compiles
 * tighter than segment loads.
 */
public final class Blocks {
  /** The largest array the JVM reliably allocates. */
  public static final long MAX_HEAP_BLOCK = Integer.MAX_VALUE - 16;

  private Blocks() {}

  public static MemorySegment allocate(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("negative block size " + bytes);
    }
    return bytes <= MAX_HEAP_BLOCK ? MemorySegment.ofArray(new byte[(int) bytes])
        : Arena.ofAuto().allocate(bytes, 64);
  }

  /** A block holding a copy of {@code source} (codes read from a file onto storage an index owns). */
  public static MemorySegment copyOf(MemorySegment source) {
    MemorySegment block = allocate(source.byteSize());
    MemorySegment.copy(source, 0, block, 0, source.byteSize());
    return block;
  }

  /** The byte array behind {@code seg} when it views a whole one (as {@link #allocate} makes), else null. */
  public static byte[] array(MemorySegment seg) {
    Object base = seg.heapBase().orElse(null);
    return base instanceof byte[] a && seg.address() == 0 && a.length == seg.byteSize() ? a : null;
  }
}
