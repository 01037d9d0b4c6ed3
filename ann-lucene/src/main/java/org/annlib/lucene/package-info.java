/**
 * annlib's HNSW inside Lucene: {@link org.annlib.lucene.AnnlibHnswVectorsFormat}, usable per field
 * through {@code PerFieldKnnVectorsFormat} in any codec, and {@link
 * org.annlib.lucene.AnnlibSearchStrategy} to set a query's beam width. See docs/lucene.md.
 */
package org.annlib.lucene;
