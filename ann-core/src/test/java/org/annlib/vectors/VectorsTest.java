package org.annlib.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class VectorsTest {
  private static final float[][] ROWS = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};

  @Test
  void arraysListsSegmentsAndBuffersGiveTheSameRows() {
    FloatBuffer direct = ByteBuffer.allocateDirect(4 * 9).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    FloatBuffer heap = FloatBuffer.allocate(10);
    heap.put(0f); // position 1: the rows start at the buffer's position
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment seg = arena.allocate(4 * 9);
      for (int i = 0; i < 9; i++) {
        float v = ROWS[i / 3][i % 3];
        direct.put(i, v);
        heap.put(v);
        seg.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), i, v);
      }
      heap.position(1);
      for (VectorValues v : new VectorValues[] {Vectors.of(ROWS), Vectors.of(List.of(ROWS)), Vectors.of(seg, 3),
          Vectors.of(direct, 3), Vectors.of(heap, 3)}) {
        assertEquals(3, v.size());
        assertEquals(3, v.dimension());
        for (int i = 0; i < 3; i++) {
          assertArrayEquals(ROWS[i], v.vector(i), v.getClass().getSimpleName() + " row " + i);
        }
      }
      assertEquals(OffHeapVectorValues.class, Vectors.of(direct, 3).getClass(), "a direct buffer is read in place");
    }
  }

  @Test
  void badShapesAreNamed() {
    assertEquals("vector 1 has 2 components, vector 0 has 3",
        assertThrows(IllegalArgumentException.class, () -> Vectors.of(new float[][] {{1, 2, 3}, {1, 2}})).getMessage());
    assertEquals("vector 1 is null",
        assertThrows(IllegalArgumentException.class, () -> Vectors.of(new float[][] {{1}, null})).getMessage());
    assertEquals("buffer holds 5 floats, not a whole number of 3-dimensional rows",
        assertThrows(IllegalArgumentException.class, () -> Vectors.of(FloatBuffer.allocate(5), 3)).getMessage());
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment seg = arena.allocate(10);
      assertEquals("segment holds 10 bytes, not a whole number of 2-dimensional float32 rows (8 bytes each)",
          assertThrows(IllegalArgumentException.class, () -> Vectors.of(seg, 2)).getMessage());
    }
  }
}
