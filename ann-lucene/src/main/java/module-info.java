/**
 * A Lucene {@code KnnVectorsFormat} whose per-segment graph is annlib's HNSW; Lucene's flat
 * format keeps the raw vectors. Found by Lucene through its SPI under the name "AnnlibHnsw".
 */
module org.annlib.lucene {
  requires org.annlib.hnsw;
  // the glass and crinn presets a field may name (found by ann-hnsw as a strategy service)
  requires org.annlib.crinn;
  requires org.apache.lucene.core;

  exports org.annlib.lucene;

  provides org.apache.lucene.codecs.KnnVectorsFormat with org.annlib.lucene.AnnlibHnswVectorsFormat;
}
