package org.annlib.bench.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.annlib.Index;
import org.annlib.Metric;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
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
  private static final String FIELD = "v";

  private LuceneQuantizedIndex() {}

  static Index build(Metric metric, List<float[]> vectors, int dim, int m, int efConstruction, int threads, int bits) {
    VectorSimilarityFunction sim = LuceneHnswIndexProvider.similarity(metric);
    ScalarEncoding encoding = bits == 4 ? ScalarEncoding.PACKED_NIBBLE : ScalarEncoding.SEVEN_BIT;
    ExecutorService merges = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
    KnnVectorsFormat format = new Lucene104HnswScalarQuantizedVectorsFormat(encoding, m, efConstruction,
        Math.max(1, threads), merges);
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    IndexWriterConfig config = new IndexWriterConfig().setCodec(new Lucene104Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return format;
      }
    }).setRAMBufferSizeMB(Math.max(256, 4.0 * vectors.size() * dim * 3 / (1 << 20))).setMaxBufferedDocs(
        IndexWriterConfig.DISABLE_AUTO_FLUSH);
    try (IndexWriter w = new IndexWriter(dir, config)) {
      for (float[] v : vectors) {
        Document doc = new Document();
        doc.add(new KnnFloatVectorField(FIELD, v, sim));
        w.addDocument(doc);
      }
      w.commit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (merges != null) {
        merges.shutdown();
      }
    }
    try {
      DirectoryReader reader = DirectoryReader.open(dir);
      if (reader.leaves().size() != 1) {
        throw new IllegalStateException("Lucene wrote " + reader.leaves().size() + " segments; ids need one");
      }
      IndexSearcher searcher = new IndexSearcher(reader);
      searcher.setQueryCache(null);
      long files = 0;
      for (String f : dir.listAll()) {
        files += dir.fileLength(f);
      }
      long bytes = files;
      return new PeerIndex(metric, dim, vectors.size()) {
        @Override
        public long ramBytesUsed() {
          return bytes;
        }

        @Override
        QuerySearch newQuerySearch() {
          return (q, k, ef) -> {
            try {
              Query walk = new KnnFloatVectorQuery(FIELD, q, ef);
              TopDocs top = searcher.search(RescoreTopNQuery.createFullPrecisionRescorerQuery(walk, q, FIELD, k), k);
              return LuceneHnswIndexProvider.result(top.scoreDocs, k, metric, 0);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          };
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
