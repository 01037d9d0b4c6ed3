package org.annlib.hnsw;

/**
 * A named piece of HNSW behaviour that can be swapped at build time. Each strategy plays one
 * {@link #role()} (neighbour selection, level-0 list order, base-layer search); the index
 * records {@code role=name} for each in its file, so a loaded index builds and searches the same
 * way. Implementations register through {@link HnswStrategyProvider} and are looked up with
 * {@link HnswStrategies#find}.
 */
public interface HnswStrategy {
  /** One of {@link HnswStrategies#ROLES}. */
  String role();

  /** Stable name within the role, recorded in saved indexes. */
  String name();
}
