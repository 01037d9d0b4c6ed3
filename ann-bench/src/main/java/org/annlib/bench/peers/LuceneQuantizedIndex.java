package org.annlib.bench.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.annlib.Index;
import org.annlib.Metric;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RescoreTopNQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * Lucene's scalar-quantized HNSW (Lucene104HnswScalarQuantizedVectorsFormat, 7-bit or packed
 * 4-bit codes) through its codec, as an application would run it: documents in one segment of a
 * heap directory, a KnnFloatVectorQuery whose graph walk scores the codes, then Lucene's own
 * full-precision re-rank (RescoreTopNQuery) of the walk's best ef down to k. That is the same
 * pipeline as our code presets (walk on codes, exact re-rank), so the two compare like for like.
 * Each query pays Lucene's query/weight setup, which an application pays too.
 *
 * <p>One segment keeps document ids equal to insertion order: the RAM buffer is large enough that
 * the writer flushes once, and the graph is built while documents are added (on one thread, with
 * {@code threads} merge workers for the merge that never happens), so build times are Lucene's
 * indexing time.
 */
final class LuceneQuantizedIndex {
  private LuceneQuantizedIndex() {}

  static Index build(Metric metric, List<float[]> vectors, int dim, int m, int efConstruction, int threads, int bits) {
    VectorSimilarityFunction sim = LuceneHnswIndexProvider.similarity(metric);
    ScalarEncoding encoding = bits == 4 ? ScalarEncoding.PACKED_NIBBLE : ScalarEncoding.SEVEN_BIT;
    ExecutorService merges = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
    KnnVectorsFormat format = new Lucene104HnswScalarQuantizedVectorsFormat(encoding, m, efConstruction,
        Math.max(1, threads), merges);
    LuceneSegments segments;
    try {
      segments = LuceneSegments.write(new ByteBuffersDirectory(), format, sim, vectors, dim, 1, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (merges != null) {
        merges.shutdown();
      }
    }
    return new CodecPeerIndex(metric, dim, vectors.size(), segments, LuceneQuantizedIndex::rescored);
  }

  /** The walk on codes collects the best ef; Lucene re-scores them at full precision and keeps k. */
  static TopDocs rescored(IndexSearcher searcher, float[] q, int k, int ef) throws IOException {
    Query walk = new KnnFloatVectorQuery(LuceneSegments.FIELD, q, ef);
    return searcher.search(RescoreTopNQuery.createFullPrecisionRescorerQuery(walk, q, LuceneSegments.FIELD, k), k);
  }
}
