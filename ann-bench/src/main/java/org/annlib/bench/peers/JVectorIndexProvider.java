package org.annlib.bench.peers;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.graph.similarity.SearchScoreProvider;
import io.github.jbellis.jvector.quantization.PQVectors;
import io.github.jbellis.jvector.quantization.ProductQuantization;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.annlib.Index;
import org.annlib.Metric;
import org.annlib.SearchResult;

/**
 * JVector (io.github.jbellis:jvector 4.0.0-rc.7) as the runner's "jvector": an HNSW hierarchy with
 * Vamana-style diversity, built on all given threads, searched with full-precision scores. Our M
 * maps to JVector's maximum degree 2M (equal level-0 degree), efConstruction to its beamWidth, and
 * ef to the search's rerankK (its beam); neighborOverflow 1.2 and alpha 1.2 are JVector's defaults.
 *
 * <p>Variant {@code 4.0.0-rc.7-pq} is JVector's compressed search, the like-for-like peer of our
 * code presets: product quantization with one byte per four dimensions (256 centroids per
 * subspace, centred for Euclidean), the walk scored on the codes and its best ef re-ranked with
 * the full-precision vectors (JVector's own reranker), the best k returned.
 */
public final class JVectorIndexProvider extends GraphPeerProvider {
  private static final VectorTypeSupport VTS = VectorizationProvider.getInstance().getVectorTypeSupport();

  public JVectorIndexProvider() {
    super("jvector", List.of(VERSION, VERSION + "-pq"));
  }

  private static final String VERSION = "4.0.0-rc.7";

  /** JVector picks its own SIMD path (Panama, native or scalar) independently of ours. */
  @Override
  public String kernels() {
    return "jvector " + VectorizationProvider.getInstance().getClass().getSimpleName();
  }

  @Override
  Index build(Metric metric, List<float[]> vectors, int dim, int m, int efConstruction, int threads, String variant) {
    List<VectorFloat<?>> list = new ArrayList<>(vectors.size());
    for (float[] v : vectors) {
      list.add(VTS.createFloatVector(v));
    }
    RandomAccessVectorValues ravv = new ListRandomAccessVectorValues(list, dim);
    VectorSimilarityFunction sim = metric == Metric.EUCLIDEAN
        ? VectorSimilarityFunction.EUCLIDEAN
        : VectorSimilarityFunction.DOT_PRODUCT; // cosine arrives as unit vectors
    ForkJoinPool pool = new ForkJoinPool(threads);
    try (GraphIndexBuilder builder = new GraphIndexBuilder(BuildScoreProvider.randomAccessScoreProvider(ravv, sim), dim,
        2 * m, efConstruction, 1.2f, 1.2f, true, true, pool, pool)) {
      ImmutableGraphIndex graph = builder.build(ravv);
      PQVectors codes = variant.endsWith("-pq")
          ? ProductQuantization.compute(ravv, Math.max(1, dim / 4), 256, sim == VectorSimilarityFunction.EUCLIDEAN)
              .encodeAll(ravv, pool)
          : null;
      return new PeerIndex(metric, dim, vectors.size()) {
        @Override
        public long ramBytesUsed() {
          // an estimate: vectors plus a full base layer (plus the codes); JVector reports no total
          return (long) size() * (4L * dim + 8L * m + 16) + (codes == null ? 0 : codes.ramBytesUsed());
        }

        @Override
        QuerySearch newQuerySearch() {
          GraphSearcher gs = new GraphSearcher(graph);
          return (q, k, ef) -> {
            VectorFloat<?> qv = VTS.createFloatVector(q);
            SearchScoreProvider scores = codes == null ? DefaultSearchScoreProvider.exact(qv, sim, ravv)
                : new DefaultSearchScoreProvider(codes.precomputedScoreFunctionFor(qv, sim), ravv.rerankerFor(qv, sim));
            var r = gs.search(scores, k, ef, 0f, 0f, Bits.ALL);
            var nodes = r.getNodes();
            int n = Math.min(k, nodes.length);
            long[] ids = new long[n];
            float[] d = new float[n];
            for (int i = 0; i < n; i++) {
              ids[i] = nodes[i].node;
              d[i] = PeerScores.toDistance(metric, nodes[i].score);
            }
            return new SearchResult(ids, d, r.getVisitedCount());
          };
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      pool.shutdown();
    }
  }
}
