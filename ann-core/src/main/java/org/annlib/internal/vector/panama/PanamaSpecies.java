package org.annlib.internal.vector.panama;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Species constants, kept out of the kernels' static initialisers so that a machine whose
 * preferred shape is too small fails in one place (Lucene's advice).
 */
final class PanamaSpecies {
  private PanamaSpecies() {}

  static final VectorSpecies<Float> FLOAT = FloatVector.SPECIES_PREFERRED;

  /**
   * Half the preferred width (256 bits under AVX-512), for the tail: at 25 dimensions one 16-lane
   * vector plus nine scalar steps was slower than the scalar loop. Null below 256-bit machines.
   */
  static final VectorSpecies<Float> FLOAT_HALF =
      FLOAT.vectorBitSize() >= 256 ? VectorSpecies.of(float.class, VectorShape.forBitSize(FLOAT.vectorBitSize() / 2)) : null;

  /** Byte codes widen straight to int lanes: uint8 products (up to 65,025) overflow shorts. */
  static final VectorSpecies<Integer> INT = IntVector.SPECIES_PREFERRED;

  /** As many bytes as {@link #INT} has lanes: 16 bytes for 512-bit ints, 8 for 256-bit. */
  static final VectorSpecies<Byte> BYTE_FOR_INT =
      ByteVector.SPECIES_64.length() == INT.length()
          ? ByteVector.SPECIES_64
          : VectorSpecies.of(byte.class, VectorShape.forBitSize(INT.length() * 8));

  /** Float lanes matching {@link #INT}, for codes widened to int and converted to float. */
  static final VectorSpecies<Float> FLOAT_FOR_INT = VectorSpecies.of(float.class, INT.vectorShape());

  /** Bytes at the preferred width; a {@code B2S} conversion splits them into two {@link #SHORTS} parts. */
  static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;

  /** Shorts of the same shape as {@link #BYTES}. */
  static final VectorSpecies<Short> SHORTS = VectorSpecies.of(short.class, BYTES.vectorShape());

  /** Ints of the same shape, for the two halves of a {@link #SHORTS} accumulator. */
  static final VectorSpecies<Integer> INT_FOR_SHORTS = VectorSpecies.of(int.class, BYTES.vectorShape());
}
