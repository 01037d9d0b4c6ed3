/** CRINN's graph, search and refinement strategies and the glass/crinn presets, for ann-hnsw. */
module org.annlib.crinn {
  requires transitive org.annlib.hnsw;

  exports org.annlib.crinn;

  provides org.annlib.hnsw.HnswStrategyProvider with org.annlib.crinn.CrinnStrategies;
}
