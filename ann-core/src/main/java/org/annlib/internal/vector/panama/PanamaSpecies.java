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

  /** Byte codes widen straight to int lanes: uint8 products (up to 65,025) overflow shorts. */
  static final VectorSpecies<Integer> INT = IntVector.SPECIES_PREFERRED;

  /** As many bytes as {@link #INT} has lanes: 16 bytes for 512-bit ints, 8 for 256-bit. */
  static final VectorSpecies<Byte> BYTE_FOR_INT =
      ByteVector.SPECIES_64.length() == INT.length()
          ? ByteVector.SPECIES_64
          : VectorSpecies.of(byte.class, VectorShape.forBitSize(INT.length() * 8));
}
