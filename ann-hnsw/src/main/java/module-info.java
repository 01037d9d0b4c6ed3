/**
 * HNSW: {@code HnswIndex}, its builder and the strategy SPI. Strategy providers besides the
 * built-in ones (ann-crinn-variants' among them) are found as services.
 */
module org.annlib.hnsw {
  requires transitive org.annlib.core;

  exports org.annlib.hnsw;

  uses org.annlib.hnsw.HnswStrategyProvider;

  provides org.annlib.IndexProvider with org.annlib.hnsw.HnswIndexProvider;
}
