package org.annlib.bench.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.List;
import org.annlib.Index;
import org.annlib.Metric;
import org.annlib.SearchResult;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;

/**
 * Lucene's HNSW (org.apache.lucene:lucene-core 10.5.1, {@code util.hnsw}) as the runner's
 * "lucene-hnsw", on the heap without a codec: the graph Lucene builds and searches inside a
 * segment. Lucene's maxConn is hnswlib's M (level 0 keeps 2 * maxConn), beamWidth is
 * efConstruction. Built with HnswGraphBuilder on one thread: Lucene's concurrent builder is only
 * reachable through segment merges (its graph constructor is not public), so build times are not
 * comparable with the others'. Lucene searches with a beam of k, so ef is applied as luceneutil
 * does: collect the top ef, return the first k.
 *
 * <p>Variants {@code 10.5.1-int7} and {@code 10.5.1-int4} are Lucene's scalar-quantized HNSW
 * ({@link LuceneQuantizedIndex}): the like-for-like peer of our code presets.
 */
public final class LuceneHnswIndexProvider extends GraphPeerProvider {
  public LuceneHnswIndexProvider() {
    super("lucene-hnsw", List.of(VERSION, VERSION + "-int7", VERSION + "-int4"));
  }

  private static final String VERSION = org.apache.lucene.util.Version.LATEST.toString();

  /**
   * Lucene chooses Panama or scalar code on its own (it checks the JDK version and the incubator
   * module); its provider accessor refuses callers outside Lucene, so the choice is read from the
   * implementation {@code VectorUtil} holds.
   */
  @Override
  public String kernels() {
    try {
      Field impl = VectorUtil.class.getDeclaredField("IMPL");
      impl.setAccessible(true);
      return "lucene " + impl.get(null).getClass().getSimpleName();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "lucene (kernels not readable: " + e.getClass().getSimpleName() + ")";
    }
  }

  static VectorSimilarityFunction similarity(Metric metric) {
    return switch (metric) {
      case EUCLIDEAN -> VectorSimilarityFunction.EUCLIDEAN;
      case INNER_PRODUCT -> VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT;
      case COSINE -> VectorSimilarityFunction.DOT_PRODUCT; // unit vectors
    };
  }

  /** The first k of Lucene's hits (doc ids are our ids: one segment, insertion order) as our result. */
  static SearchResult result(ScoreDoc[] docs, int k, Metric metric, long visited) {
    int n = Math.min(k, docs.length);
    long[] ids = new long[n];
    float[] d = new float[n];
    for (int i = 0; i < n; i++) {
      ids[i] = docs[i].doc;
      // MAXIMUM_INNER_PRODUCT scores are a non-invertible scaling; the runner re-scores ids
      d[i] = metric == Metric.INNER_PRODUCT ? Float.NaN : PeerScores.toDistance(metric, docs[i].score);
    }
    return new SearchResult(ids, d, visited);
  }

  @Override
  Index build(Metric metric, List<float[]> vectors, int dim, int m, int efConstruction, int threads, String variant) {
    if (!variant.equals(VERSION)) {
      return LuceneQuantizedIndex.build(metric, vectors, dim, m, efConstruction, threads,
          variant.endsWith("int4") ? 4 : 7);
    }
    FloatVectorValues values = FloatVectorValues.fromFloats(vectors, dim);
    VectorSimilarityFunction sim = similarity(metric);
    try {
      OnHeapHnswGraph graph = HnswGraphBuilder.create(
          DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(sim, values), m, efConstruction, 42)
          .build(vectors.size());
      return new PeerIndex(metric, dim, vectors.size()) {
        @Override
        public long ramBytesUsed() {
          return graph.ramBytesUsed() + (long) size() * (4L * dim + 16);
        }

        @Override
        QuerySearch newQuerySearch() {
          return (q, k, ef) -> {
            try {
              TopKnnCollector collector = new TopKnnCollector(ef, Integer.MAX_VALUE);
              HnswGraphSearcher.search(DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(sim, values, q), collector,
                  graph, null);
              return result(collector.topDocs().scoreDocs, k, metric, collector.visitedCount());
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
